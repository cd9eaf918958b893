package dev.palisade.report;

import dev.palisade.pss.NamespaceLevels;
import dev.palisade.pss.NamespaceReadiness;
import dev.palisade.pss.PssReport;
import dev.palisade.pss.PssViolation;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes {@code palisade pss} results as a table or as JSON (docs/pss.md). */
public final class PssRenderer {

    private PssRenderer() {
    }

    public static void render(PssReport report, String format, Writer out) throws IOException {
        switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "table" -> table(report, out);
            case "json" -> json(report, out);
            default -> throw new IllegalArgumentException("unknown output format '" + format + "' (expected table or json)");
        }
    }

    private static void table(PssReport report, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Pod Security Standards ").append(report.level().label()).append(':').append(report.version())
                .append(": ").append(report.results().size() - report.denied()).append(" allowed, ")
                .append(report.denied()).append(" denied\n\n");
        for (PssReport.Result result : report.results()) {
            text.append(result.allowed() ? "ALLOWED  " : "DENIED   ").append(result.workload().ref())
                    .append("  ").append(result.workload().source()).append('\n');
            for (PssViolation violation : result.violations()) {
                text.append("         ").append(violation.check()).append(": ").append(violation.message()).append('\n');
            }
        }
        text.append("\nNamespaces\n");
        for (NamespaceReadiness.Namespace ns : report.namespaces()) {
            text.append("  ").append(ns.name()).append(": enforce ").append(mode(ns.declared().enforce()))
                    .append(", audit ").append(mode(ns.declared().audit())).append(", warn ")
                    .append(mode(ns.declared().warn())).append('\n');
            ns.notes().forEach(note -> text.append("    note: ").append(note).append('\n'));
            ns.violating().forEach((workload, violations) -> text.append("    rejected by its enforce level: ")
                    .append(workload).append(" (").append(String.join(", ", violations.stream()
                            .map(PssViolation::check).toList())).append(")\n"));
            text.append("    strictest level enforceable today: ").append(ns.strictest().label()).append(':')
                    .append(ns.version()).append('\n');
            text.append("    ").append(ns.command()).append('\n');
        }
        out.write(text.toString());
    }

    private static String mode(java.util.Optional<NamespaceLevels.Mode> mode) {
        return mode.map(NamespaceLevels.Mode::toString).orElse("-");
    }

    private static void json(PssReport report, Writer out) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("level", report.level().label());
        root.put("version", report.version().toString());
        ArrayNode results = root.putArray("results");
        for (PssReport.Result result : report.results()) {
            ObjectNode node = results.addObject();
            ObjectNode resource = node.putObject("resource");
            resource.put("kind", result.workload().ref().kind());
            resource.put("namespace", result.workload().namespace());
            resource.put("name", result.workload().name());
            ObjectNode source = node.putObject("source");
            source.put("file", result.workload().source().origin());
            source.put("line", result.workload().source().line());
            node.put("allowed", result.allowed());
            ArrayNode violations = node.putArray("violations");
            result.violations().forEach(v -> violations.addObject().put("check", v.check()).put("message", v.message()));
        }
        ArrayNode namespaces = root.putArray("namespaces");
        for (NamespaceReadiness.Namespace ns : report.namespaces()) {
            ObjectNode node = namespaces.addObject();
            node.put("name", ns.name());
            declared(node, "enforce", ns.declared().enforce());
            declared(node, "audit", ns.declared().audit());
            declared(node, "warn", ns.declared().warn());
            ArrayNode violating = node.putArray("violatingWorkloads");
            for (Map.Entry<String, List<PssViolation>> entry : ns.violating().entrySet()) {
                ObjectNode workload = violating.addObject().put("workload", entry.getKey());
                ArrayNode checks = workload.putArray("checks");
                entry.getValue().forEach(v -> checks.add(v.check()));
            }
            node.put("strictestLevel", ns.strictest().label());
            node.put("strictestVersion", ns.version().toString());
            node.put("command", ns.command());
            ArrayNode notes = node.putArray("notes");
            ns.notes().forEach(notes::add);
        }
        JsonRenderer.MAPPER.writeValue(out, root);
        out.write('\n');
    }

    private static void declared(ObjectNode node, String name, java.util.Optional<NamespaceLevels.Mode> mode) {
        if (mode.isEmpty()) {
            node.putNull(name);
        } else {
            node.putObject(name).put("level", mode.get().level()).put("version", mode.get().version());
        }
    }
}
