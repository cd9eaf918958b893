package dev.palisade.pss;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import java.util.List;

/** {@code palisade pss}: every workload judged at one level and version, and the readiness of every namespace. */
public record PssReport(PssLevel level, PssVersion version, List<Result> results,
                        List<NamespaceReadiness.Namespace> namespaces) {

    /** One workload's verdict. */
    public record Result(Workload workload, List<PssViolation> violations) {

        public boolean allowed() {
            return violations.isEmpty();
        }
    }

    public static PssReport of(Snapshot snapshot, PssLevel level, PssVersion version) {
        List<Result> results = snapshot.workloads().stream()
                .map(w -> new Result(w, PssEvaluator.evaluate(w.podAnnotations(), w.podSpec(), level, version)))
                .toList();
        return new PssReport(level, version, results, NamespaceReadiness.assess(snapshot));
    }

    public long denied() {
        return results.stream().filter(r -> !r.allowed()).count();
    }
}
