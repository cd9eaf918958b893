package dev.palisade.policy;

import dev.palisade.scan.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Evaluates policies on every subject of a snapshot. Subjects are evaluated in parallel (results keep their
 * order); each subject's field values are computed once and shared by all policies.
 */
public final class PolicyEngine {

    /** Annotation listing the policy ids (or {@code *}) a workload or object is exempt from. */
    public static final String EXEMPT = "palisade.dev/exempt";
    public static final String EXEMPT_REASON = "palisade.dev/exempt-reason";

    private PolicyEngine() {
    }

    public static List<Finding> evaluate(PolicyContext context, List<Policy> policies) {
        List<Policy> active = policies.stream().filter(Policy::enabled).toList();
        Map<Target, List<Policy>> byTarget = active.stream().collect(Collectors.groupingBy(Policy::target));
        List<Finding> findings = new ArrayList<>();
        List<Policy> workloadPolicies = byTarget.getOrDefault(Target.WORKLOAD, List.of());
        if (!workloadPolicies.isEmpty()) {
            context.snapshot().workloads().parallelStream()
                    .map(w -> evaluate(Subject.workload(context, w), workloadPolicies))
                    .toList()
                    .forEach(findings::addAll);
        }
        for (Target target : Target.values()) {
            List<Policy> targetPolicies = byTarget.getOrDefault(target, List.of());
            if (target == Target.WORKLOAD || targetPolicies.isEmpty()) {
                continue;
            }
            for (String kind : target.kinds) {
                context.snapshot().ofKind(kind).parallelStream()
                        .map(object -> evaluate(Subject.object(context, object), targetPolicies))
                        .toList()
                        .forEach(findings::addAll);
            }
        }
        return findings;
    }

    /** Evaluates policies on one subject: one finding per policy and container (or one for the whole subject). */
    static List<Finding> evaluate(Subject subject, List<Policy> policies) {
        List<Subject> containers = subject.containers();
        List<Finding> findings = new ArrayList<>();
        for (Policy policy : policies) {
            if (!covers(policy.scope(), subject)) {
                continue;
            }
            Map<Subject, List<List<FieldValue>>> matches = new LinkedHashMap<>();
            for (Section section : policy.sections()) {
                if (section.perContainer()) {
                    for (Subject container : containers) {
                        if (!matches.containsKey(container)) {
                            List<List<FieldValue>> matched = match(section, subject, container);
                            if (matched != null) {
                                matches.put(container, matched);
                            }
                        }
                    }
                } else if (!matches.containsKey(subject)) {
                    List<List<FieldValue>> matched = match(section, subject, null);
                    if (matched != null) {
                        matches.put(subject, matched);
                    }
                }
            }
            matches.forEach((at, values) -> findings.add(finding(policy, subject, at.container() == null ? null : at,
                    values)));
        }
        return findings;
    }

    /**
     * The field values that make every criterion of the section hold, one list per criterion, or null when one
     * does not. Vulnerability criteria must all hold for the same vulnerability; their lists gather the values of
     * every vulnerability for which they do.
     */
    private static List<List<FieldValue>> match(Section section, Subject subject, Subject container) {
        List<List<FieldValue>> matched = new ArrayList<>(section.criteria().size());
        for (Criterion criterion : section.criteria()) {
            List<FieldValue> values = criterion.perVulnerability() ? new ArrayList<>()
                    : match(criterion, criterion.perContainer() ? container : subject);
            if (values == null) {
                return null;
            }
            matched.add(values);
        }
        if (section.perVulnerability() && !matchSomeVulnerability(section.criteria(), container, matched)) {
            return null;
        }
        return matched;
    }

    /** How many vulnerabilities a finding message names; the others are counted. */
    static final int VULNERABILITIES_NAMED = 5;

    /**
     * Adds to {@code matched} the values of each vulnerability of the container's image (worst first) for which
     * every vulnerability criterion holds; false when there is none.
     */
    private static boolean matchSomeVulnerability(List<Criterion> criteria, Subject container,
                                                  List<List<FieldValue>> matched) {
        int matching = 0;
        for (Subject vulnerability : container.vulnerabilities()) {
            List<List<FieldValue>> values = new ArrayList<>(criteria.size());
            for (Criterion criterion : criteria) {
                values.add(criterion.perVulnerability() ? match(criterion, vulnerability) : List.of());
            }
            if (values.contains(null)) {
                continue;
            }
            if (++matching <= VULNERABILITIES_NAMED) {
                for (int i = 0; i < criteria.size(); i++) {
                    matched.get(i).addAll(values.get(i));
                }
            }
        }
        if (matching > VULNERABILITIES_NAMED) {
            FieldValue more = FieldValue.of("", "", "and " + (matching - VULNERABILITIES_NAMED) + " more vulnerabilities");
            for (int i = 0; i < criteria.size(); i++) {
                if (criteria.get(i).perVulnerability()) {
                    matched.get(i).add(more);
                }
            }
        }
        return matching > 0;
    }

    /** The field values that make one criterion hold on a subject, or null when it does not. */
    private static List<FieldValue> match(Criterion criterion, Subject on) {
        if (criterion instanceof Criterion.OnField onField) {
            return onField.match(on.values(onField.field()));
        }
        Criterion.Cel cel = (Criterion.Cel) criterion;
        return cel.holds(on) ? List.of(FieldValue.of("", "", "matches " + cel.expression())) : null;
    }

    private static boolean covers(Scope scope, Subject subject) {
        return scope.covers(subject.context().cluster(), subject.ref().namespace(), subject.ref().name(),
                subject.labels());
    }

    /**
     * The finding for matched criteria. Its message names the values of the first criterion (the condition;
     * later ones usually qualify it) unless the policy has a message template; its path is the first field path
     * any criterion has.
     */
    private static Finding finding(Policy policy, Subject subject, Subject container, List<List<FieldValue>> matched) {
        String containerName = container == null ? null : container.container().name();
        String texts = matched.stream()
                .map(values -> values.stream().map(FieldValue::text).filter(t -> !t.isEmpty()).distinct()
                        .collect(Collectors.joining("; ")))
                .filter(t -> !t.isEmpty()).findFirst().orElse("");
        String message;
        if (!policy.message().isEmpty()) {
            message = policy.message().replace("{container}", Objects.toString(containerName, ""))
                    .replace("{name}", subject.ref().name()).replace("{values}", texts);
        } else {
            message = (containerName == null ? "" : "container \"" + containerName + "\" ") + texts;
        }
        String path = matched.stream().flatMap(List::stream).map(FieldValue::path).filter(p -> !p.isEmpty())
                .findFirst().orElse("");
        if (!path.isEmpty() && subject.workload() != null) {
            path = objectPath(subject.ref().kind(), path);
        }
        return new Finding(policy.id(), policy.name(), policy.severity(), subject.ref(), containerName, path,
                subject.source(), message, policy.remediation(), policy.categories(), policy.equivalents(),
                policy.enforcement(), exemption(policy, subject));
    }

    /**
     * A workload field's path in the object as written. Field paths are relative to the pod spec, except
     * {@code metadata.*} (the workload object's) and {@code podMetadata.*} (the pod template's metadata).
     */
    static String objectPath(String kind, String path) {
        if (path.startsWith("metadata.")) {
            return path;
        }
        String template = switch (kind) {
            case "Pod" -> "";
            case "CronJob" -> "spec.jobTemplate.spec.template.";
            default -> "spec.template.";
        };
        if (path.startsWith("podMetadata.")) {
            return template + "metadata." + path.substring("podMetadata.".length());
        }
        return template + "spec." + path;
    }

    /** Why the finding is exempted (annotation or policy exclusion), or null. */
    private static String exemption(Policy policy, Subject subject) {
        String listed = subject.annotations().get(EXEMPT);
        if (listed != null && Arrays.stream(listed.split(",")).map(String::trim)
                .anyMatch(id -> id.equals(policy.id()) || id.equals("*"))) {
            String reason = subject.annotations().getOrDefault(EXEMPT_REASON, "").trim();
            return "annotation " + EXEMPT + (reason.isEmpty() ? " (no reason given)" : ": " + reason);
        }
        for (Exclusion exclusion : policy.exclusions()) {
            if (exclusion.activeOn(subject.context().today()) && covers(exclusion.scope(), subject)) {
                return "excluded by the policy" + (exclusion.reason() == null || exclusion.reason().isBlank() ? ""
                        : ": " + exclusion.reason()) + (exclusion.expires() == null ? "" : " (until " + exclusion.expires() + ")");
            }
        }
        return null;
    }

}
