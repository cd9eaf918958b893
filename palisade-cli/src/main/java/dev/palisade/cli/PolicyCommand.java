package dev.palisade.cli;

import dev.palisade.inventory.InputProblem;
import dev.palisade.policy.Criterion;
import dev.palisade.policy.Field;
import dev.palisade.policy.Fields;
import dev.palisade.policy.Policy;
import dev.palisade.policy.PolicyParser;
import dev.palisade.policy.PolicyPack;
import dev.palisade.policy.Section;
import dev.palisade.policy.Target;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code palisade policy}: list, show and lint policies, and list the fields criteria can use. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Inspect and validate policies.",
        subcommands = {PolicyCommand.ListPolicies.class, PolicyCommand.Show.class, PolicyCommand.Lint.class,
                PolicyCommand.ListFields.class})
final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ObjectNode json(Policy policy) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", policy.id());
        node.put("name", policy.name());
        node.put("severity", policy.severity().name());
        ArrayNode lifecycle = node.putArray("lifecycle");
        policy.lifecycle().stream().sorted().forEach(l -> lifecycle.add(l.name()));
        ArrayNode categories = node.putArray("categories");
        policy.categories().forEach(categories::add);
        node.put("target", policy.target().label());
        node.put("enabled", policy.enabled());
        node.put("enforcement", policy.enforcement().name());
        ObjectNode equivalents = node.putObject("equivalents");
        new TreeMap<>(policy.equivalents()).forEach(equivalents::put);
        node.put("description", policy.description());
        node.put("remediation", policy.remediation());
        node.put("source", policy.source().origin());
        return node;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every policy (default pack and"
            + " configured directories) with its severity, lifecycle, categories and peer equivalents.")
    static final class ListPolicies implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table (default) or json.")
        String format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PolicyPack.Loaded pack = PolicyPack.load(config.scanConfig(true).policies());
            PrintWriter out = spec.commandLine().getOut();
            pack.problems().forEach(p -> spec.commandLine().getErr().println("palisade: " + p));
            if (format.equalsIgnoreCase("json")) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                pack.policies().forEach(p -> list.add(json(p)));
                out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(list));
            } else if (format.equalsIgnoreCase("table")) {
                out.printf(Locale.ROOT, "%-45s %-9s %-8s %-7s %s%n", "ID", "SEVERITY", "ENFORCE", "ENABLED", "NAME");
                for (Policy p : pack.policies()) {
                    out.printf(Locale.ROOT, "%-45s %-9s %-8s %-7s %s%n", p.id(), p.severity(),
                            p.enforcement() == dev.palisade.scan.Enforcement.ENFORCE ? "yes" : "no",
                            p.enabled() ? "yes" : "no", p.name());
                }
                out.println(pack.policies().size() + " policies");
            } else {
                throw new IllegalArgumentException("unknown output format '" + format + "' (expected table or json)");
            }
            out.flush();
            return PalisadeCommand.EXIT_OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one policy in full.")
    static final class Show implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The policy id.")
        String id;

        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Policy policy = PolicyPack.load(config.scanConfig(true).policies()).policies().stream()
                    .filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no policy has the id '" + id
                            + "' (palisade policy list shows them)"));
            PrintWriter out = spec.commandLine().getOut();
            out.println(policy.id() + ": " + policy.name());
            out.println("  severity:    " + policy.severity() + ", " + policy.enforcement()
                    + (policy.enabled() ? "" : " (disabled)"));
            out.println("  target:      " + policy.target().label() + "; lifecycle " + policy.lifecycle().stream()
                    .sorted().map(Enum::name).toList());
            out.println("  categories:  " + String.join(", ", policy.categories()));
            out.println("  equivalents: " + new TreeMap<>(policy.equivalents()));
            out.println("  description: " + policy.description());
            out.println("  rationale:   " + policy.rationale());
            out.println("  remediation: " + policy.remediation());
            out.println("  criteria (any section; all criteria of a section):");
            for (Section section : policy.sections()) {
                out.println("    - section " + (section.name().isEmpty() ? "" : section.name()));
                for (Criterion criterion : section.criteria()) {
                    out.println("        " + describe(criterion));
                }
            }
            out.println("  source:      " + policy.source());
            out.flush();
            return PalisadeCommand.EXIT_OK;
        }

        private static String describe(Criterion criterion) {
            if (criterion instanceof Criterion.OnField f) {
                return (f.negate() ? "NOT " : "") + f.field().name() + ": " + String.join(f.all() ? " AND " : " OR ",
                        f.values());
            }
            return "CEL: " + ((Criterion.Cel) criterion).expression();
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, description = {"Validate policy files: unknown keys,"
            + " unknown fields, wrong value types, bad regular expressions and bad CEL, each with its line.",
            "Exit 0 when every file is valid, 1 otherwise."})
    static final class Lint implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy YAML files.")
        List<Path> files = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            int problems = 0;
            int policies = 0;
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    out.println(file + ": no such file");
                    problems++;
                    continue;
                }
                PolicyParser.Result result = new PolicyParser().parse(file.toString(),
                        Files.readString(file, StandardCharsets.UTF_8));
                for (InputProblem problem : result.problems()) {
                    out.println(problem.location() + ": " + problem.message());
                }
                problems += result.problems().size();
                policies += result.policies().size();
            }
            out.println(problems == 0 ? "ok: " + policies + " policies valid" : problems + " problems");
            out.flush();
            return problems == 0 ? PalisadeCommand.EXIT_OK : PalisadeCommand.EXIT_FINDINGS;
        }
    }

    @Command(name = "fields", mixinStandardHelpOptions = true, description = "List the fields policy criteria can"
            + " name, per target; /c marks container fields, /v fields of one vulnerability of a container's image.")
    static final class ListFields implements Callable<Integer> {

        @Option(names = "--target", paramLabel = "TARGET", description = "Only this target (workload, service, ...).")
        String target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Field> fields = target == null ? Fields.all() : Fields.of(Target.parse(target));
            for (Field field : fields) {
                String level = switch (field.level()) {
                    case SUBJECT -> "";
                    case CONTAINER -> "/c";
                    case VULNERABILITY -> "/v";
                };
                out.printf(Locale.ROOT, "%-11s %-38s %-9s %s%n", field.target().label() + level, field.name(),
                        field.type().name().toLowerCase(Locale.ROOT), field.description());
            }
            out.flush();
            return PalisadeCommand.EXIT_OK;
        }
    }
}
