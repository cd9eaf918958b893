package dev.palisade.scan;

import dev.palisade.inventory.Snapshot;
import java.util.List;

/** A pure function from a snapshot (and configuration) to findings and answers. */
public interface Analysis {

    Result analyze(Snapshot snapshot, ScanConfig config);

    /** What one analysis contributes to a scan. */
    record Result(List<Finding> findings, List<Answer> answers) {

        public Result {
            findings = List.copyOf(findings);
            answers = List.copyOf(answers);
        }
    }
}
