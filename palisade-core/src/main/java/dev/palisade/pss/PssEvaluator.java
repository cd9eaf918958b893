package dev.palisade.pss;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates a pod (or a workload's pod template) against a Pod Security Standards level and version exactly as
 * the PodSecurity admission plugin does: restricted includes every baseline check, except those a restricted
 * check overrides at that version; privileged allows everything.
 */
public final class PssEvaluator {

    private PssEvaluator() {
    }

    /** The checks that apply at a level and version, in report order. */
    public static List<String> checks(PssLevel level, PssVersion version) {
        return active(level, version).stream().map(PssCheck::id).toList();
    }

    /** Every check id of every level and version, in report order. */
    public static List<String> checkIds() {
        return PssCheck.ALL.stream().map(PssCheck::id).toList();
    }

    /** The active checks per level and Kubernetes minor version: computed once, asked for every pod. */
    private static final java.util.Map<String, List<PssCheck>> ACTIVE = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<PssCheck> active(PssLevel level, PssVersion version) {
        return ACTIVE.computeIfAbsent(level + "/" + version.minor(), k -> computeActive(level, version));
    }

    private static List<PssCheck> computeActive(PssLevel level, PssVersion version) {
        if (level == PssLevel.PRIVILEGED) {
            return List.of();
        }
        List<PssCheck> checks = PssCheck.ALL.stream()
                .filter(c -> version.atLeast(c.since()))
                .filter(c -> c.level() == PssLevel.BASELINE || level == PssLevel.RESTRICTED)
                .toList();
        Set<String> overridden = checks.stream().map(PssCheck::overrides).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return checks.stream().filter(c -> !overridden.contains(c.id())).toList();
    }

    /**
     * Every check that applies at some level of this version, evaluated once: select a level's violations with
     * {@link #select}. Cheaper than evaluating baseline and restricted separately.
     */
    public static List<PssViolation> evaluateAllChecks(Map<String, String> podAnnotations, PodSpec spec,
                                                       PssVersion version) {
        PodView pod = PodView.of(podAnnotations, spec);
        List<PssViolation> violations = new ArrayList<>();
        for (PssCheck check : PssCheck.ALL) {
            if (version.atLeast(check.since())) {
                check.evaluate(pod, version).ifPresent(violations::add);
            }
        }
        return violations;
    }

    /** The violations of {@link #evaluateAllChecks} that count at a level (in report order). */
    public static List<PssViolation> select(List<PssViolation> all, PssLevel level, PssVersion version) {
        Set<String> checks = Set.copyOf(checks(level, version));
        return all.stream().filter(v -> checks.contains(v.check())).toList();
    }

    /** Every violated check; empty when the pod is allowed. */
    public static List<PssViolation> evaluate(Map<String, String> podAnnotations, PodSpec spec, PssLevel level,
                                              PssVersion version) {
        return select(evaluateAllChecks(podAnnotations, spec, version), level, version);
    }

    /**
     * The admission plugin's denial message: {@code violates PodSecurity "restricted:v1.33": reason (detail),
     * ...}; empty when allowed.
     */
    public static String denial(List<PssViolation> violations, PssLevel level, PssVersion version) {
        if (violations.isEmpty()) {
            return "";
        }
        return "violates PodSecurity \"" + level.label() + ":" + version + "\": "
                + violations.stream().map(PssViolation::message).collect(Collectors.joining(", "));
    }
}
