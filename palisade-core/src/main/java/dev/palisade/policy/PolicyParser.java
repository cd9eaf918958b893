package dev.palisade.policy;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InputText;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.inventory.YamlNodes;
import dev.palisade.inventory.YamlNodes.Invalid;
import dev.palisade.inventory.YamlNodes.Values;
import dev.palisade.scan.Enforcement;
import dev.palisade.scan.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

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

    /** Policies that are valid, and a problem for everything that is not. */
    public record Result(List<Policy> policies, List<InputProblem> problems) {
    }

    public Result parse(String origin, String text) {
        List<Policy> policies = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        int index = 0;
        try {
            for (Node document : YamlNodes.documents(text)) {
                index++;
                List<Invalid> invalid = new ArrayList<>();
                Policy policy = policy(document, new SourceLocation(origin, index, YamlNodes.line(document)), invalid);
                for (Invalid problem : invalid) {
                    problems.add(InputProblem.error(new SourceLocation(origin, index, problem.line()), problem.getMessage()));
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

    private Policy policy(Node document, SourceLocation source, List<Invalid> invalid) {
        Map<String, Node> map;
        try {
            map = YamlNodes.mapping(document, POLICY_KEYS, "a policy");
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
                Map<String, Node> exclusion = YamlNodes.mapping(exclusionNode, EXCLUSION_KEYS, "an exclusion");
                LocalDate expires = values.get(exclusion, "expires", LocalDate::parse, null);
                exclusions.add(new Exclusion(scope(exclusion, values), values.text(exclusion.get("reason")), expires));
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        Scope scope = Scope.ALL;
        if (map.containsKey("scope")) {
            try {
                scope = scope(YamlNodes.mapping(map.get("scope"), SCOPE_KEYS, "a scope"), values);
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        Map<String, String> equivalents = new LinkedHashMap<>();
        if (map.containsKey("equivalents")) {
            try {
                YamlNodes.mapping(map.get("equivalents"), null, "equivalents").forEach((k, v) -> equivalents.put(k, values.text(v)));
            } catch (Invalid e) {
                invalid.add(e);
            }
        }
        return new Policy(id, values.text(map.get("name")) == null ? id : values.text(map.get("name")),
                orEmpty(values.text(map.get("description"))), orEmpty(values.text(map.get("rationale"))),
                orEmpty(values.text(map.get("remediation"))), severity == null ? Severity.LOW : severity,
                values.strings(map.get("categories")), lifecycle,
                values.get(map, "enabled", YamlNodes::bool, true),
                values.get(map, "enforcement", text -> Enforcement.valueOf(text.toUpperCase(Locale.ROOT)), Enforcement.INFORM),
                target, scope, exclusions, equivalents, sections, values.text(map.get("message")), source);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static Scope scope(Map<String, Node> map, Values values) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (map.containsKey("labels")) {
            YamlNodes.mapping(map.get("labels"), null, "labels").forEach((k, v) -> labels.put(k, values.text(v)));
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
            map = YamlNodes.mapping(node, SECTION_KEYS, "a criteria section");
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
                criteria.add(criterion(YamlNodes.mapping(criterionNode, CRITERION_KEYS, "a criterion"), criterionNode, target, values));
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
        boolean negate = values.get(map, "negate", YamlNodes::bool, false);
        return new Criterion.OnField(field, texts, "AND".equalsIgnoreCase(operator), negate, matchers);
    }
}
