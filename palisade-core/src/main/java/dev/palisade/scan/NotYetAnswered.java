package dev.palisade.scan;

import dev.palisade.inventory.Snapshot;
import java.util.List;

/**
 * The questions this version of Palisade cannot answer from an inventory alone. Each says plainly what
 * data is missing; when a capability lands, its analysis answers the question and the entry goes.
 */
final class NotYetAnswered implements Analysis {

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        List<Answer> answers = List.of(
                needs(12, "How far does each cluster, namespace and node adhere to the CIS benchmark (and PCI, HIPAA,"
                        + " NIST)?", "No compliance evaluation.",
                        "Needs compliance evaluation against the CIS Kubernetes Benchmark and mapped frameworks, which"
                        + " this version of Palisade does not perform yet."));
        return new Result(List.of(), answers);
    }

    private static Answer needs(int number, String question, String summary, String needs) {
        return new Answer(number, question, Answer.Status.NEEDS_DATA, summary, Table.empty(), needs);
    }
}
