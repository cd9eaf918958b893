package dev.palisade.pss;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far each namespace can be tightened: what it declares, which workloads violate the level it enforces,
 * and the strictest level it could enforce today without rejecting a current workload.
 */
public final class NamespaceReadiness {

    private NamespaceReadiness() {
    }

    /**
     * One namespace.
     *
     * @param violating  workloads the declared enforce level would reject, with their violations
     * @param strictest  the strictest level every current workload passes (at {@code version})
     * @param version    the version {@code strictest} was judged at: the declared enforce version, else latest
     * @param command    the kubectl command that enforces {@code strictest}
     */
    public record Namespace(String name, NamespaceLevels declared, Map<String, List<PssViolation>> violating,
                            PssLevel strictest, PssVersion version, String command, List<String> notes) {
    }

    public static List<Namespace> assess(Snapshot snapshot) {
        Map<String, List<Workload>> byNamespace = new TreeMap<>();
        snapshot.workloads().forEach(w -> byNamespace.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w));
        snapshot.ofKind("Namespace").forEach(ns -> byNamespace.putIfAbsent(ns.ref().name(), new ArrayList<>()));
        List<Namespace> result = new ArrayList<>();
        for (Map.Entry<String, List<Workload>> entry : byNamespace.entrySet()) {
            String name = entry.getKey();
            Optional<KubeObject> object = snapshot.ofKind("Namespace").stream()
                    .filter(ns -> ns.ref().name().equals(name)).findFirst();
            NamespaceLevels declared = object.map(NamespaceLevels::of)
                    .orElse(new NamespaceLevels(Optional.empty(), Optional.empty(), Optional.empty()));
            result.add(assess(name, declared, entry.getValue(), object.isPresent()));
        }
        return result;
    }

    private static Namespace assess(String name, NamespaceLevels declared, List<Workload> workloads, boolean known) {
        List<String> notes = new ArrayList<>();
        if (!known) {
            notes.add("no Namespace object in the inventory");
        }
        if (declared.enforce().isEmpty()) {
            notes.add(declared.audit().isPresent() || declared.warn().isPresent()
                    ? "only audit/warn labels: nothing is enforced" : "no enforce label: nothing is enforced");
        }
        Map<String, List<PssViolation>> violating = new TreeMap<>();
        declared.enforce().ifPresent(mode -> mode.parsedLevel().ifPresentOrElse(level -> {
            if (level == PssLevel.PRIVILEGED) {
                notes.add("enforces privileged: every pod is allowed");
            }
            for (Workload workload : workloads) {
                List<PssViolation> violations = PssEvaluator.evaluate(workload.podAnnotations(), workload.podSpec(),
                        level, mode.parsedVersion());
                if (!violations.isEmpty()) {
                    violating.put(workload.ref().toString(), violations);
                }
            }
        }, () -> notes.add("invalid enforce level '" + mode.level() + "'")));
        PssVersion version = declared.enforce().map(NamespaceLevels.Mode::parsedVersion).orElse(PssVersion.LATEST);
        PssLevel strictest = PssLevel.RESTRICTED;
        for (Workload workload : workloads) {
            while (strictest != PssLevel.PRIVILEGED && !PssEvaluator.evaluate(workload.podAnnotations(),
                    workload.podSpec(), strictest, version).isEmpty()) {
                strictest = PssLevel.values()[strictest.ordinal() - 1];
            }
        }
        String command = "kubectl label --overwrite namespace " + name + " " + NamespaceLevels.PREFIX + "enforce="
                + strictest.label() + " " + NamespaceLevels.PREFIX + "enforce-version=" + version;
        return new Namespace(name, declared, violating, strictest, version, command, notes);
    }
}
