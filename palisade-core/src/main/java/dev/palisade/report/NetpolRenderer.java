package dev.palisade.report;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.network.FlowDiff;
import dev.palisade.network.ObservedFlow;
import dev.palisade.network.ObservedFlows;
import dev.palisade.network.PolicySimulation;
import dev.palisade.network.ReachabilityDiff;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Writes the results of {@code palisade netpol diff} and {@code simulate} as a table or as JSON, and generated
 * policies as YAML (docs/network.md).
 */
public final class NetpolRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NetpolRenderer() {
    }

    /** Checks an output format name: true for json, false for table. */
    // ---- diff ----

    public static void diff(FlowDiff.Result result, List<ObservedFlows.Problem> problems, String format, Writer out)
            throws IOException {
        if (TableOrJson.json(format)) {
            JsonRenderer.MAPPER.writeValue(out, diffJson(result, problems));
            out.write('\n');
            return;
        }
        long neverUsed = result.neverUsed();
        StringBuilder text = new StringBuilder();
        text.append("Observed flows: ").append(result.observedFlows()).append(" distinct");
        if (!problems.isEmpty()) {
            text.append(" (").append(problems.size()).append(" left out, listed on standard error)");
        }
        text.append("\nAllowed paths: ").append(result.allowedPaths()).append("; ").append(neverUsed)
                .append(" never used, ").append(result.unused().size() - neverUsed).append(" partly unused\n");
        text.append("Observed but denied: ").append(result.denied().size()).append('\n');
        section(text, "Observed but denied", result.denied().stream().map(denied -> denied.flow().line() + "  denied by "
                + denied.deniedBy().stream().map(d -> d.sideName() + " (" + names(d.policies()) + ")")
                .collect(Collectors.joining(" and "))
                + (denied.flow().lastSeen() == null ? "" : "  last seen " + denied.flow().lastSeen())).toList());
        section(text, "Allowed but never used", result.unused().stream().filter(FlowDiff.UnusedPath::neverUsed)
                .map(u -> u.source().label() + " => " + u.destination().label() + " : " + u.allowed()).toList());
        section(text, "Allowed, partly unused", result.unused().stream().filter(u -> !u.neverUsed())
                .map(u -> u.source().label() + " => " + u.destination().label() + " : unused " + u.unused()
                        + "; used " + u.used()).toList());
        out.write(text.toString());
    }

    private static ObjectNode diffJson(FlowDiff.Result result, List<ObservedFlows.Problem> problems) {
        ObjectNode root = NODES.objectNode();
        long neverUsed = result.neverUsed();
        root.putObject("summary").put("observedFlows", result.observedFlows()).put("allowedPaths", result.allowedPaths())
                .put("neverUsed", neverUsed).put("partlyUnused", result.unused().size() - neverUsed)
                .put("denied", result.denied().size()).put("problems", problems.size());
        ArrayNode denied = root.putArray("denied");
        for (FlowDiff.DeniedFlow flow : result.denied()) {
            ObjectNode node = denied.addObject().put("src", ObservedFlow.label(flow.flow().source()))
                    .put("dst", ObservedFlow.label(flow.flow().destination()))
                    .put("protocol", flow.flow().protocol().name()).put("port", flow.flow().port());
            if (flow.flow().lastSeen() == null) {
                node.putNull("lastSeen");
            } else {
                node.put("lastSeen", flow.flow().lastSeen().toString());
            }
            ArrayNode by = node.putArray("deniedBy");
            flow.deniedBy().forEach(d -> {
                ArrayNode policies = by.addObject().put("side", d.sideName()).putArray("policies");
                d.policies().forEach(p -> policies.add(name(p)));
            });
        }
        ArrayNode unused = root.putArray("unused");
        result.unused().forEach(u -> unused.addObject().put("src", u.source().label()).put("dst", u.destination().label())
                .put("allowed", u.allowed().toString()).put("used", u.used().toString())
                .put("unused", u.unused().toString()).put("neverUsed", u.neverUsed()));
        ArrayNode list = root.putArray("problems");
        problems.forEach(p -> list.add(p.toString()));
        return root;
    }

    // ---- simulate ----

    public static void simulation(PolicySimulation simulation, String format, Writer out) throws IOException {
        List<ReachabilityDiff.Change> changes = simulation.changes();
        if (TableOrJson.json(format)) {
            ObjectNode root = NODES.objectNode();
            ObjectNode policies = root.putObject("policies");
            ArrayNode added = policies.putArray("added");
            simulation.added().forEach(p -> added.add(name(p)));
            ArrayNode replaced = policies.putArray("replaced");
            simulation.replaced().forEach(p -> replaced.add(name(p)));
            ObjectNode summary = root.putObject("summary");
            for (String kind : List.of("added", "removed", "changed")) {
                summary.put(kind, changes.stream().filter(c -> c.kind().equals(kind)).count());
            }
            ArrayNode list = root.putArray("changes");
            changes.forEach(c -> list.addObject().put("change", c.kind()).put("src", c.source().label())
                    .put("dst", c.destination().label()).put("before", c.before().toString())
                    .put("after", c.after().toString()).put("added", c.added().toString())
                    .put("removed", c.removed().toString()));
            JsonRenderer.MAPPER.writeValue(out, root);
            out.write('\n');
            return;
        }
        StringBuilder text = new StringBuilder();
        text.append("Policies: ").append(simulation.added().size()).append(" added")
                .append(simulation.added().isEmpty() ? "" : " (" + names(simulation.added()) + ")").append(", ")
                .append(simulation.replaced().size()).append(" replaced")
                .append(simulation.replaced().isEmpty() ? "" : " (" + names(simulation.replaced()) + ")").append('\n');
        if (changes.isEmpty()) {
            text.append("No connection changes.\n");
        }
        for (ReachabilityDiff.Change change : changes) {
            text.append(String.format(Locale.ROOT, "%-8s %s => %s : ", change.kind(), change.source().label(),
                    change.destination().label()));
            switch (change.kind()) {
                case "added" -> text.append(change.after());
                case "removed" -> text.append(change.before());
                default -> {
                    text.append(change.before()).append(" -> ").append(change.after());
                    String added = change.added().isEmpty() ? "" : "added " + change.added();
                    String removed = change.removed().isEmpty() ? "" : "removed " + change.removed();
                    text.append(" (").append(added).append(added.isEmpty() || removed.isEmpty() ? "" : "; ")
                            .append(removed).append(')');
                }
            }
            text.append('\n');
        }
        out.write(text.toString());
    }

    // ---- generate ----

    /** Plain scalars that YAML 1.1 readers (kubectl) would take for booleans or null. */
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");

    /** Quotes every string that is not a plain word, so no reader can take a label value for a number or boolean. */
    private static final class QuoteUnlessPlain extends StringQuotingChecker {
        @Override
        public boolean needToQuoteName(String name) {
            return needToQuoteValue(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return !PLAIN.matcher(value).matches() || YAML_WORDS.contains(value.toLowerCase(Locale.ROOT));
        }
    }

    private static final YAMLMapper YAML = YAMLMapper.builder(tools.jackson.dataformat.yaml.YAMLFactory.builder()
                    .stringQuotingChecker(new QuoteUnlessPlain()).build())
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES).disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR).build();

    /** Manifests as YAML, one document each. */
    public static void yaml(List<ObjectNode> manifests, Writer out) throws IOException {
        for (ObjectNode manifest : manifests) {
            out.write("---\n");
            out.write(YAML.writeValueAsString(manifest));
        }
    }

    private static String names(List<ObjectRef> refs) {
        return refs.stream().map(NetpolRenderer::name).collect(Collectors.joining(", "));
    }

    private static String name(ObjectRef ref) {
        return ref.namespace() + "/" + ref.name();
    }

    private static void section(StringBuilder text, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            text.append('\n').append(title).append('\n');
            lines.forEach(line -> text.append("  ").append(line).append('\n'));
        }
    }
}
