package dev.palisade.policy;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InputText;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.scan.Enforcement;
import dev.palisade.scan.Severity;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Reads policy files (one or more YAML documents, each a policy) and validates them: unknown keys, missing
 * required keys, unknown fields, values of the wrong type, bad regular expressions and bad CEL are each a
 * problem with its line. A policy with a problem is not loaded; the others are.
 */
public final class PolicyParser {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> POLICY_KEYS = Set.of("id", "name", "description", "rationale", "remediation",
            "severity", "categories", "lifecycle", "enabled", "enforcement", "target", "scope", "exclusions",
            "equivalents", "criteria", "message");
    private static final Set<String> SCOPE_KEYS = Set.of("cluster", "namespace", "name", "labels");
    private static final Set<String> EXCLUSION_KEYS = Set.of("cluster", "namespace", "name", "labels", "reason", "expires");
    private static final Set<String> SECTION_KEYS = Set.of("section", "match");
    private static final Set<String> CRITERION_KEYS = Set.of("field", "values", "operator", "negate", "cel");

    private final LoadSettings settings = LoadSettings.builder().setSchema(new FailsafeSchema())
            .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10).build();

    /** Policies that are valid, and a problem for everything that is not. */
    public record Result(List<Policy> policies, List<InputProblem> problems) {
    }

    /** A problem at a node; collected, then reported together. */
    private static final class Invalid extends RuntimeException {
        final int line;

        Invalid(Node node, String message) {
            super(message);
            this.line = node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        }
    }

    public Result parse(String origin, String text) {
        List<Policy> policies = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        int index = 0;
        try {
            for (Node document : new Compose(settings).composeAllFromString(text)) {
                index++;
                List<Invalid> invalid = new ArrayList<>();
                Policy policy = policy(document, new SourceLocation(origin, index, line(document)), invalid);
                for (Invalid problem : invalid) {
                    problems.add(InputProblem.error(new SourceLocation(origin, index, problem.line), problem.getMessage()));
                }
                if (invalid.isEmpty() && policy != null) {
                    policies.add(policy);
                }
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            problems.add(InputProblem.error(new SourceLocation(origin, index + 1, line),
                    "invalid YAML: " + InputText.safeMessage(e.getProblem())));
        } catch (YamlEngineException e) {
            problems.add(InputProblem.error(new SourceLocation(origin, index + 1, 0),
                    "invalid YAML: " + InputText.safeMessage(e.getMessage())));
        }
        return new Result(policies, problems);
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private Policy policy(Node document, SourceLocation source, List<Invalid> invalid) {
        Map<String, Node> map;
        try {
            map = mapping(document, POLICY_KEYS, "a policy");
        } catch (Invalid e) {
            invalid.add(e);
            return null;
        }
        Values values = new Values(invalid);
        String id = values.required(map, "id", document);
        if (id != null && !ID.matcher(id).matches()) {
            invalid.add(new Invalid(map.get("id"), "id '" + id + "' is not kebab-case (lowercase letters, digits, dashes)"));
        }
        Target target = values.get(map, "target", Target::parse, Target.WORKLOAD);
        Severity severity = values.get(map, "severity", Severity::parse, null);
        if (severity == null && !map.containsKey("severity")) {
            invalid.add(new Invalid(document, "missing required key 'severity'"));
        }
        Set<Policy.Lifecycle> lifecycle = EnumSet.noneOf(Policy.Lifecycle.class);
        for (Node item : values.list(map.get("lifecycle"))) {
            Policy.Lifecycle stage = values.convert(item, text -> Policy.Lifecycle.valueOf(text.toUpperCase(Locale.ROOT)),
                    "lifecycle must be BUILD, DEPLOY or RUNTIME");
            if (stage != null) {
                lifecycle.add(stage);
            }
        }
        if (lifecycle.isEmpty()) {
            lifecycle = EnumSet.of(Policy.Lifecycle.BUILD, Policy.Lifecycle.DEPLOY);
        }
        List<Section> sections = new ArrayList<>();
        Node criteria = map.get("criteria");
        if (criteria == null) {
            invalid.add(new Invalid(document, "missing required key 'criteria'"));
        }
        for (Node sectionNode : values.list(criteria)) {
            Section section = section(sectionNode, target, values, invalid);
            if (section != null) {
                sections.add(section);
            }
        }
        List<Exclusion> exclusions = new ArrayList<>();
        for (Node exclusionNode : values.list(map.get("exclusions"))) {
            try {
                Map<String, Node> exclusion = mapping(exclusionNode, EXCLUSION_KEYS, "an exclusion");
                LocalDate expires = values.get(exclusion, "expires", LocalDate::parse, null);
                exclusions.add(new Exclusion(scope(exclusion, values), values.text(exclusion.get("reason")), expires));
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        Scope scope = Scope.ALL;
        if (map.containsKey("scope")) {
            try {
                scope = scope(mapping(map.get("scope"), SCOPE_KEYS, "a scope"), values);
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        Map<String, String> equivalents = new LinkedHashMap<>();
        if (map.containsKey("equivalents")) {
            try {
                mapping(map.get("equivalents"), null, "equivalents").forEach((k, v) -> equivalents.put(k, values.text(v)));
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        return new Policy(id, values.text(map.get("name")) == null ? id : values.text(map.get("name")),
                orEmpty(values.text(map.get("description"))), orEmpty(values.text(map.get("rationale"))),
                orEmpty(values.text(map.get("remediation"))), severity == null ? Severity.LOW : severity,
                values.strings(map.get("categories")), lifecycle,
                values.get(map, "enabled", PolicyParser::bool, true),
                values.get(map, "enforcement", text -> Enforcement.valueOf(text.toUpperCase(Locale.ROOT)), Enforcement.INFORM),
                target, scope, exclusions, equivalents, sections, values.text(map.get("message")), source);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static boolean bool(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
    }

    private static Scope scope(Map<String, Node> map, Values values) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (map.containsKey("labels")) {
            mapping(map.get("labels"), null, "labels").forEach((k, v) -> labels.put(k, values.text(v)));
        }
        return new Scope(values.get(map, "cluster", PolicyParser::regex, null),
                values.get(map, "namespace", PolicyParser::regex, null),
                values.get(map, "name", PolicyParser::regex, null), labels);
    }

    private static Pattern regex(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getDescription());
        }
    }

    private Section section(Node node, Target target, Values values, List<Invalid> invalid) {
        Map<String, Node> map;
        try {
            map = mapping(node, SECTION_KEYS, "a criteria section");
        } catch (Invalid e) {
            invalid.add(e);
            return null;
        }
        if (!map.containsKey("match")) {
            invalid.add(new Invalid(node, "a criteria section needs 'match', a list of criteria"));
            return null;
        }
        List<Criterion> criteria = new ArrayList<>();
        List<Node> criterionNodes = values.list(map.get("match"));
        for (Node criterionNode : criterionNodes) {
            try {
                criteria.add(criterion(mapping(criterionNode, CRITERION_KEYS, "a criterion"), criterionNode, target, values));
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        if (criterionNodes.isEmpty()) {
            invalid.add(new Invalid(node, "a criteria section needs at least one criterion"));
        }
        return new Section(orEmpty(values.text(map.get("section"))), criteria);
    }

    private Criterion criterion(Map<String, Node> map, Node node, Target target, Values values) {
        if (map.containsKey("cel")) {
            if (map.containsKey("field")) {
                throw new Invalid(node, "a criterion has either 'field' or 'cel', not both");
            }
            String expression = values.text(map.get("cel"));
            try {
                return new Criterion.Cel(expression, CelExpression.compile(expression),
                        expression.matches("(?s).*\\bcontainer\\b.*"));
            } catch (IllegalArgumentException e) {
                throw new Invalid(map.get("cel"), e.getMessage());
            }
        }
        String name = values.text(map.get("field"));
        if (name == null) {
            throw new Invalid(node, "a criterion needs 'field' (with 'values') or 'cel'");
        }
        Field field = Fields.find(target, name).orElseThrow(() -> new Invalid(map.get("field"), "unknown field '"
                + name + "' for target " + target.label() + " (palisade policy fields lists them)"));
        List<Node> valueNodes = values.list(map.get("values"));
        if (valueNodes.isEmpty()) {
            throw new Invalid(node, "criterion on '" + field.name() + "' needs 'values'");
        }
        List<String> texts = new ArrayList<>();
        List<ValueMatcher> matchers = new ArrayList<>();
        for (Node valueNode : valueNodes) {
            String text = values.text(valueNode);
            try {
                matchers.add(ValueMatcher.compile(field.type(), text));
                texts.add(text);
            } catch (IllegalArgumentException e) {
                throw new Invalid(valueNode, field.name() + ": " + e.getMessage());
            }
        }
        String operator = values.text(map.get("operator"));
        if (operator != null && !operator.equalsIgnoreCase("OR") && !operator.equalsIgnoreCase("AND")) {
            throw new Invalid(map.get("operator"), "operator must be OR or AND");
        }
        boolean negate = values.get(map, "negate", PolicyParser::bool, false);
        return new Criterion.OnField(field, texts, "AND".equalsIgnoreCase(operator), negate, matchers);
    }

    /** A mapping's entries by key; keys outside {@code allowed} (when given) are problems. */
    private static Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw new Invalid(node, what + " must be a mapping");
        }
        Map<String, Node> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new Invalid(tuple.getKeyNode(), "keys must be plain strings");
            }
            if (allowed != null && !allowed.contains(key.getValue())) {
                throw new Invalid(key, "unknown key '" + key.getValue() + "' in " + what + " (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            map.put(key.getValue(), tuple.getValueNode());
        }
        return map;
    }

    /** Scalar and list access that records problems instead of stopping at the first. */
    private record Values(List<Invalid> invalid) {

        String text(Node node) {
            if (node == null) {
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            invalid.add(new Invalid(node, "expected a single value"));
            return null;
        }

        String required(Map<String, Node> map, String key, Node parent) {
            String value = text(map.get(key));
            if (value == null || value.isBlank()) {
                invalid.add(new Invalid(map.getOrDefault(key, parent), "missing required key '" + key + "'"));
                return null;
            }
            return value;
        }

        <T> T get(Map<String, Node> map, String key, java.util.function.Function<String, T> parse, T fallback) {
            Node node = map.get(key);
            String text = text(node);
            if (text == null) {
                return fallback;
            }
            T value = convert(node, parse, null);
            return value == null ? fallback : value;
        }

        <T> T convert(Node node, java.util.function.Function<String, T> parse, String message) {
            String text = text(node);
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                invalid.add(new Invalid(node, message != null ? message : e.getMessage()));
                return null;
            }
        }

        List<Node> list(Node node) {
            if (node == null) {
                return List.of();
            }
            if (node instanceof SequenceNode sequence) {
                return sequence.getValue();
            }
            if (node instanceof ScalarNode) {
                return List.of(node);
            }
            invalid.add(new Invalid(node, "expected a list"));
            return List.of();
        }

        List<String> strings(Node node) {
            return list(node).stream().map(this::text).filter(java.util.Objects::nonNull).toList();
        }
    }
}
