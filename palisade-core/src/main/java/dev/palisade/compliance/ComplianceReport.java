package dev.palisade.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A standard evaluated on one inventory (and its node facts): every control's result, the counts, and how far
 * each scope adheres. Adherence counts only judged controls: passing / (passing + failing); MANUAL and
 * NOT_APPLICABLE controls are counted apart.
 *
 * @param cluster the inventory's cluster name (empty for manifests)
 */
public record ComplianceReport(Standard standard, String cluster, List<ControlResult> results) {

    public ComplianceReport {
        results = List.copyOf(results);
    }

    /** Control counts by status, and the cluster's adherence: a control passes when it passes in every scope. */
    public record Summary(int pass, int fail, int manual, int notApplicable) {

        public int judged() {
            return pass + fail;
        }

        /** Passing share of judged controls, rounded down (so 100 means none fails); 0 when none was judged. */
        public int percent() {
            return Adherence.percent(pass, judged());
        }
    }

    /** One scope's adherence, with the ids of the controls failing there. */
    public record Adherence(Scope scope, int passing, int failing, List<String> failingControls) {

        public Adherence {
            failingControls = List.copyOf(failingControls);
        }

        public int judged() {
            return passing + failing;
        }

        public int percent() {
            return percent(passing, judged());
        }

        static int percent(int passing, int judged) {
            return judged == 0 ? 0 : passing * 100 / judged;
        }
    }

    public Summary summary() {
        int[] counts = new int[Status.values().length];
        results.forEach(r -> counts[r.status().ordinal()]++);
        return new Summary(counts[Status.PASS.ordinal()], counts[Status.FAIL.ordinal()],
                counts[Status.MANUAL.ordinal()], counts[Status.NOT_APPLICABLE.ordinal()]);
    }

    /** Every scope a control was judged in (cluster, namespaces, nodes, in that order). */
    public List<Adherence> adherence() {
        Map<Scope, int[]> counts = new TreeMap<>();
        Map<Scope, List<String>> failing = new TreeMap<>();
        for (ControlResult result : results) {
            for (Verdict verdict : result.verdicts()) {
                if (verdict.status() == Status.PASS || verdict.status() == Status.FAIL) {
                    counts.computeIfAbsent(verdict.scope(), s -> new int[2])[verdict.status() == Status.PASS ? 0 : 1]++;
                }
                if (verdict.status() == Status.FAIL) {
                    failing.computeIfAbsent(verdict.scope(), s -> new ArrayList<>()).add(result.control().id());
                }
            }
        }
        List<Adherence> adherence = new ArrayList<>();
        counts.forEach((scope, c) -> adherence.add(new Adherence(scope, c[0], c[1],
                failing.getOrDefault(scope, List.of()))));
        return adherence;
    }
}
