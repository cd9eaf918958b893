package dev.palisade.runtime;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Question 8: which processes run in which container, from a process list given to the scan. */
public final class ProcessInventory implements Analysis {

    static final String QUESTION = "Which processes run in which container?";

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findingsSoFar) {
        List<ProcessObservation> processes = config.evidence().get(RuntimeData.class).map(RuntimeData::processes)
                .orElse(null);
        if (processes == null) {
            return Result.answer(new Answer(8, QUESTION, Answer.Status.NEEDS_DATA, "No process data.", Table.empty(),
                    "Give a process list per container with --processes FILE (JSON lines or CSV: namespace, pod,"
                    + " container, executable, user, lastSeen); manifests, the Kubernetes API and snapshots do not"
                    + " carry processes."));
        }
        PodLocator locator = new PodLocator(snapshot);
        Map<String, Set<String>> byContainer = new TreeMap<>();
        Map<String, Set<String>> pods = new TreeMap<>();
        Set<String> unattributed = new TreeSet<>();
        for (ProcessObservation process : processes) {
            var workload = locator.workload(process.namespace(), process.pod());
            if (workload.isEmpty()) {
                unattributed.add(process.namespace() + "/" + process.pod());
                continue;
            }
            String key = workload.get().ref() + "\u0000" + (process.container().isEmpty() ? "?" : process.container());
            byContainer.computeIfAbsent(key, k -> new TreeSet<>()).add(process.executable()
                    + (process.user().isEmpty() ? "" : " (" + process.user() + ")"));
            pods.computeIfAbsent(key, k -> new TreeSet<>()).add(process.pod());
        }
        Table.Builder table = new Table.Builder("workload", "container", "processes", "pods");
        Set<String> workloads = new TreeSet<>();
        byContainer.forEach((key, executables) -> {
            String[] parts = key.split("\u0000");
            workloads.add(parts[0]);
            table.row(parts[0], parts[1], String.join(", ", executables), Integer.toString(pods.get(key).size()));
        });
        String summary = Text.count(byContainer.size(), "container") + " of " + Text.count(workloads.size(), "workload")
                + " ran " + observed(processes.size() - unattributedCount(processes, locator))
                + (unattributed.isEmpty() ? "." : "; pods not in the inventory: " + String.join(", ", unattributed) + ".");
        return Result.answer(new Answer(8, QUESTION, Answer.Status.ANSWERED, summary, table.build(), ""));
    }

    private static String observed(int n) {
        return n + (n == 1 ? " observed process" : " observed processes");
    }

    private static int unattributedCount(List<ProcessObservation> processes, PodLocator locator) {
        return (int) processes.stream().filter(p -> locator.workload(p.namespace(), p.pod()).isEmpty()).count();
    }
}
