package dev.palisade.scan;

import dev.palisade.inventory.Snapshot;
import java.util.List;

/**
 * The questions this version of Palisade cannot answer from an inventory alone. Each says plainly what
 * data is missing; when a capability lands, its analysis answers the question and the entry goes.
 */
final class NotYetAnswered implements Analysis {

    private static final String IMAGE_SCANNING = "Needs image vulnerability scanning, which this version of Palisade"
            + " does not perform yet. The images in use are listed under question 1.";

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        long live = snapshot.workloads().stream().filter(w -> !w.pods().isEmpty()).count();
        String running = live > 0
                ? live + " workloads have running pods in this snapshot; which of them carry vulnerabilities needs"
                + " image scan results."
                : "This snapshot has no live pods (manifests or a snapshot without pods): read a live cluster with"
                + " --kubeconfig/--context to see what runs.";
        List<Answer> answers = List.of(
                needs(2, "How long ago was each image scanned for vulnerabilities?",
                        "No image has been scanned.", IMAGE_SCANNING),
                needs(3, "Which workloads carry which known vulnerabilities, and how severe?",
                        "No vulnerability data.", IMAGE_SCANNING),
                needs(4, "Which vulnerable workloads are running in production right now?", running, IMAGE_SCANNING),
                needs(5, "Which vulnerable workloads to fix first?",
                        "No risk ranking: it weighs vulnerabilities, which are not known yet.", IMAGE_SCANNING),
                needs(8, "Which processes run in which container?", "No process data.",
                        "Needs runtime events from Palisade's node agent; manifests, the Kubernetes API and snapshots"
                        + " do not carry processes."),
                needs(9, "Which network paths are allowed but never used?", "No observed network flows.",
                        "Needs observed connections from Palisade's node agent, compared with what NetworkPolicies"
                        + " allow."),
                needs(10, "Which workloads saw a runtime exploit attempt, even a failed one?", "No runtime events.",
                        "Needs runtime detection from Palisade's node agent."));
        return new Result(List.of(), answers);
    }

    private static Answer needs(int number, String question, String summary, String needs) {
        return new Answer(number, question, Answer.Status.NEEDS_DATA, summary, Table.empty(), needs);
    }
}
