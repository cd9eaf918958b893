package dev.palisade.compliance;

import dev.palisade.compliance.Evaluation.FileTest;
import dev.palisade.compliance.Evaluation.Mapping;
import dev.palisade.compliance.SettingTest.Operator;
import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.inventory.YamlNodes;
import dev.palisade.inventory.YamlNodes.Invalid;
import dev.palisade.inventory.YamlNodes.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a catalogue file (docs/compliance.md, "Catalogue files"): a standard, its sections and controls, each
 * judged one way. Unknown keys, a control judged no way or two ways, unknown checks, Pod Security checks, node
 * file roles and components, bad operators, numbers and regular expressions are problems with their line.
 * References to other standards' controls are checked once every catalogue is read ({@link Catalogue}).
 */
final class CatalogueParser {

    private static final Pattern STANDARD_ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
    private static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*");
    private static final Set<String> TOP_KEYS = Set.of("standard", "title", "description", "sections");
    private static final Set<String> SECTION_KEYS = Set.of("id", "title", "controls");
    private static final List<String> HOW = List.of("checks", "podSecurity", "settings", "file", "maps", "manual");
    private static final Set<String> CONTROL_KEYS = Stream.concat(Stream.of("id", "title", "automated",
            "equivalents"), HOW.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> FILE_KEYS = Set.of("role", "suffix", "permissions", "owner");
    private static final Set<String> MAPPING_KEYS = Set.of("control", "check", "why");
    private static final Set<String> TEST_KEYS = Stream.concat(Stream.of("component", "all", "any",
            "admissionPlugin", "enabled", "flag", "config", "env", "ifSet"),
            Operator.keyed().stream().map(Operator::key)).collect(Collectors.toUnmodifiableSet());

    /** What a catalogue may refer to. */
    record Known(Set<String> checks, Set<String> podSecurityChecks, Set<String> fileRoles) {
    }

    /**
     * @param unclassified ids of mapped controls without {@code automated}: automated when a mapping is judged
     */
    record Result(Standard standard, List<InputProblem> problems, Set<String> unclassified) {
    }

    private final Known known;
    private final Set<String> classifyLater = new LinkedHashSet<>();

    CatalogueParser(Known known) {
        this.known = known;
    }

    Result parse(String origin, String text) {
        classifyLater.clear();
        List<Invalid> invalid = new ArrayList<>();
        Standard standard = null;
        try {
            Node document = YamlNodes.firstDocument(text).orElseThrow(() -> new Invalid(null, "the file is empty"));
            standard = standard(document, origin, new Values(invalid), invalid);
        } catch (Invalid e) {
            invalid.add(e);
        } catch (YamlEngineException e) {
            throw Bundled.invalidYaml(origin, e);
        }
        List<InputProblem> problems = invalid.stream()
                .map(i -> InputProblem.error(new SourceLocation(origin, 0, i.line()), i.getMessage())).toList();
        return new Result(problems.isEmpty() ? standard : null, problems, Set.copyOf(classifyLater));
    }

    private Standard standard(Node document, String origin, Values values, List<Invalid> invalid) {
        Map<String, Node> top = YamlNodes.mapping(document, TOP_KEYS, "a catalogue");
        String id = values.required(top, "standard", document);
        if (id != null && !STANDARD_ID.matcher(id).matches()) {
            invalid.add(new Invalid(top.get("standard"), "standard '" + id + "' must be lowercase letters, digits,"
                    + " dots and dashes"));
        }
        String title = values.required(top, "title", document);
        List<Control> controls = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node sectionNode : values.list(top.get("sections"))) {
            try {
                Map<String, Node> section = YamlNodes.mapping(sectionNode, SECTION_KEYS, "a section");
                String sectionName = String.join(" ", Stream.of(values.text(section.get("id")),
                        values.required(section, "title", sectionNode)).filter(java.util.Objects::nonNull).toList());
                for (Node controlNode : values.list(section.get("controls"))) {
                    try {
                        Control control = control(controlNode, id, sectionName, origin, values);
                        if (!ids.add(control.id())) {
                            invalid.add(new Invalid(controlNode, "control " + control.id() + " is defined twice"));
                        }
                        controls.add(control);
                    } catch (Invalid e) {
                        invalid.add(e);
                    }
                }
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        if (controls.isEmpty() && invalid.isEmpty()) {
            invalid.add(new Invalid(document, "a catalogue needs sections with controls"));
        }
        String description = values.text(top.get("description"));
        return new Standard(id, title, description == null ? "" : description.strip(), controls);
    }

    private Control control(Node node, String standard, String section, String origin, Values values) {
        Map<String, Node> map = YamlNodes.mapping(node, CONTROL_KEYS, "a control");
        String id = values.required(map, "id", node);
        String title = values.required(map, "title", node);
        List<String> how = HOW.stream().filter(map::containsKey).toList();
        if (how.size() != 1) {
            throw new Invalid(node, "control " + id + " must be judged exactly one way (one of "
                    + String.join(", ", HOW) + "), not " + (how.isEmpty() ? "none" : String.join(" and ", how)));
        }
        Node body = map.get(how.get(0));
        Evaluation evaluation = switch (how.get(0)) {
            case "checks" -> new Evaluation.Checks(names(body, known.checks(), "check", values));
            case "podSecurity" -> new Evaluation.PodSecurity(names(body, known.podSecurityChecks(),
                    "Pod Security check", values));
            case "settings" -> settings(body, values);
            case "file" -> file(body, values);
            case "maps" -> maps(body, values);
            default -> new Evaluation.Manual(values.required(map, "manual", node));
        };
        Map<String, String> equivalents = new LinkedHashMap<>();
        if (map.containsKey("equivalents")) {
            YamlNodes.mapping(map.get("equivalents"), null, "equivalents")
                    .forEach((tool, value) -> equivalents.put(tool, values.text(value)));
        }
        // Without the standard's own classification, a control is automated when Palisade judges it; for a
        // mapped control that depends on its mappings, known once every catalogue is read (Catalogue).
        boolean automated = values.get(map, "automated", YamlNodes::bool,
                !(evaluation instanceof Evaluation.Manual));
        if (!map.containsKey("automated") && evaluation instanceof Evaluation.Mapped) {
            classifyLater.add(id);
        }
        return new Control(standard, id, title, section, automated, equivalents, evaluation,
                new SourceLocation(origin, 0, YamlNodes.line(node)));
    }

    private static List<String> names(Node node, Set<String> knownNames, String what, Values values) {
        List<String> names = values.strings(node);
        if (names.isEmpty()) {
            throw new Invalid(node, "expected a list of " + what + " ids");
        }
        for (String name : names) {
            if (!knownNames.contains(name)) {
                throw new Invalid(node, "unknown " + what + " '" + name + "'");
            }
        }
        return names;
    }

    /** A value parsed or a problem at its line: catalogue controls with a wrong value are not half-loaded. */
    private static <T> T parsed(Values values, Node node, java.util.function.Function<String, T> parse, String message) {
        String text = values.text(node);
        if (text == null) {
            throw new Invalid(node, message != null ? message : "missing value");
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(node, message != null ? message : e.getMessage());
        }
    }

    private Evaluation settings(Node node, Values values) {
        Map<String, Node> map = YamlNodes.mapping(node, TEST_KEYS, "settings");
        Component component = parsed(values, map.get("component"), Component::parse, "settings need a component ("
                + String.join(", ", Stream.of(Component.values()).map(c -> c.binary).toList()) + ")");
        Map<String, Node> test = new LinkedHashMap<>(map);
        test.remove("component");
        return new Evaluation.Settings(component, test(node, test, component, values));
    }

    private SettingTest test(Node node, Map<String, Node> map, Component component, Values values) {
        if (map.containsKey("all") || map.containsKey("any")) {
            String combinator = map.containsKey("all") ? "all" : "any";
            if (map.size() != 1) {
                throw new Invalid(node, "'" + combinator + "' stands alone: a list of tests");
            }
            List<SettingTest> tests = new ArrayList<>();
            for (Node item : values.list(map.get(combinator))) {
                tests.add(test(item, YamlNodes.mapping(item, TEST_KEYS, "a test"), component, values));
            }
            if (tests.size() < 2) {
                throw new Invalid(node, "'" + combinator + "' needs two tests or more");
            }
            return combinator.equals("all") ? new SettingTest.All(tests) : new SettingTest.Any(tests);
        }
        if (map.containsKey("admissionPlugin")) {
            if (component != Component.KUBE_APISERVER || !map.keySet().equals(Set.of("admissionPlugin", "enabled"))) {
                throw new Invalid(node, "an admission plugin test is {admissionPlugin: NAME, enabled: true|false}"
                        + " on kube-apiserver");
            }
            return new SettingTest.AdmissionPlugin(values.required(map, "admissionPlugin", node),
                    parsed(values, map.get("enabled"), YamlNodes::bool, "enabled must be true or false"));
        }
        SettingTest.Setting setting = new SettingTest.Setting(values.text(map.get("flag")),
                values.text(map.get("config")), values.text(map.get("env")));
        if (setting.flag() == null && setting.config() == null) {
            throw new Invalid(node, "a test names a flag, a config path, or both");
        }
        if (setting.flag() != null && !setting.flag().startsWith("-")) {
            throw new Invalid(map.get("flag"), "a flag starts with --");
        }
        if (setting.config() != null && component != Component.KUBELET) {
            throw new Invalid(map.get("config"), "config paths are read from the kubelet's configuration file only");
        }
        if (setting.env() != null && !component.controlPlane) {
            throw new Invalid(map.get("env"), "environment variables are read from control-plane static pods only");
        }
        List<Operator> operators = Operator.keyed().stream().filter(o -> map.containsKey(o.key())).toList();
        if (operators.size() != 1) {
            throw new Invalid(node, "a test has exactly one operator ("
                    + String.join(", ", Operator.keyed().stream().map(Operator::key).toList()) + ")");
        }
        Operator operator = operators.get(0);
        Node valueNode = map.get(operator.key());
        String expected = values.text(valueNode);
        if (operator == Operator.SET) {
            operator = parsed(values, valueNode, YamlNodes::bool, "set must be true or false") ? Operator.SET
                    : Operator.UNSET;
            expected = null;
        } else if (operator == Operator.GTE) {
            parsed(values, valueNode, Double::parseDouble, "gte needs a number");
        } else if (operator == Operator.MATCHES) {
            try {
                Pattern.compile(expected);
            } catch (PatternSyntaxException e) {
                throw new Invalid(valueNode, "invalid regular expression: " + e.getDescription());
            }
        }
        boolean ifSet = values.get(map, "ifSet", YamlNodes::bool, false);
        return new SettingTest.Compare(setting, operator, expected, ifSet);
    }

    private Evaluation file(Node node, Values values) {
        Map<String, Node> map = YamlNodes.mapping(node, FILE_KEYS, "a file test");
        String role = values.required(map, "role", node);
        if (role != null && !known.fileRoles().contains(role)) {
            throw new Invalid(map.get("role"), "unknown node file role '" + role + "' (" + NodeFileRole.RESOURCE
                    + " lists them)");
        }
        FileTest test;
        if (map.containsKey("permissions") == map.containsKey("owner")) {
            throw new Invalid(node, "a file test has either permissions or owner");
        } else if (map.containsKey("permissions")) {
            test = new FileTest.Permissions(parsed(values, map.get("permissions"), text -> {
                if (!text.matches("[0-7]{3,4}")) {
                    throw new IllegalArgumentException("permissions are octal, e.g. 600");
                }
                return Integer.parseInt(text, 8);
            }, null));
        } else {
            String owner = values.text(map.get("owner"));
            if (owner == null || !OWNER.matcher(owner).matches()) {
                throw new Invalid(map.get("owner"), "owner is user:group, e.g. root:root");
            }
            test = new FileTest.Owner(owner);
        }
        return new Evaluation.NodeFile(role, values.text(map.get("suffix")), test);
    }

    private Evaluation maps(Node node, Values values) {
        List<Mapping> mappings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Node item : values.list(node)) {
            Map<String, Node> map = YamlNodes.mapping(item, MAPPING_KEYS, "a mapping");
            if (map.containsKey("control") == map.containsKey("check")) {
                throw new Invalid(item, "a mapping names either a control (standard/id) or a check");
            }
            String why = values.required(map, "why", item);
            Mapping.Target target;
            if (map.containsKey("control")) {
                String key = values.text(map.get("control"));
                if (key == null || !key.contains("/")) {
                    throw new Invalid(map.get("control"), "a control is named standard/id, e.g. cis-1.12/1.2.16");
                }
                target = new Mapping.ControlRef(key);
            } else {
                String check = values.text(map.get("check"));
                if (!known.checks().contains(check)) {
                    throw new Invalid(map.get("check"), "unknown check '" + check + "'");
                }
                target = new Mapping.CheckRef(check);
            }
            if (!seen.add(target.toString())) {
                throw new Invalid(item, "mapped twice: " + target);
            }
            mappings.add(new Mapping(target, why));
        }
        if (mappings.isEmpty()) {
            throw new Invalid(node, "maps needs at least one mapping");
        }
        return new Evaluation.Mapped(mappings);
    }
}
