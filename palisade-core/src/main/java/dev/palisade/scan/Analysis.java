package dev.palisade.scan;

import dev.palisade.inventory.Snapshot;
import java.util.List;

/**
 * A pure function from a snapshot, the configuration and the findings so far (the policies', then those of the
 * analyses that ran before) to answers, report sections, and findings of its own.
 */
public interface Analysis {

    Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings);

    /** What one analysis contributes to a scan. */
    record Result(List<Finding> findings, List<Answer> answers, List<Section> sections) {

        public Result {
            findings = List.copyOf(findings);
            answers = List.copyOf(answers);
            sections = List.copyOf(sections);
        }

        public Result(List<Finding> findings, List<Answer> answers) {
            this(findings, answers, List.of());
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
