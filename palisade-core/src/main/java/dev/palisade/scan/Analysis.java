package dev.palisade.scan;

import dev.palisade.inventory.Snapshot;
import java.util.List;

/**
 * A pure function from a snapshot, the configuration and the policy findings to answers (and findings of its
 * own, for analyses that are not policies).
 */
public interface Analysis {

    Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings);

    /** What one analysis contributes to a scan. */
    record Result(List<Finding> findings, List<Answer> answers) {

        public Result {
            findings = List.copyOf(findings);
            answers = List.copyOf(answers);
        }

        public static Result answer(Answer answer) {
            return new Result(List.of(), List.of(answer));
        }
    }

    /** Active findings of one policy. */
    static List<Finding> of(List<Finding> findings, String policy) {
        return findings.stream().filter(f -> f.policy().equals(policy) && f.active()).toList();
    }
}
