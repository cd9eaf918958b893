package dev.palisade.runtime;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Question 10: which workloads saw a runtime exploit attempt, even a failed one — every runtime alert given to
 * the scan (Falco rules fire on the attempt: a failed open of /etc/shadow is still an alert), per workload.
 */
public final class RuntimeAlerts implements Analysis {

    static final String QUESTION = "Which workloads saw a runtime exploit attempt, even a failed one?";

    /** Alerts per workload identity, for the risk score. */
    public static Map<String, List<RuntimeAlert>> byWorkload(Snapshot snapshot, List<RuntimeAlert> alerts) {
        PodLocator locator = new PodLocator(snapshot);
        Map<String, List<RuntimeAlert>> result = new TreeMap<>();
        for (RuntimeAlert alert : alerts) {
            locator.workload(alert.namespace(), alert.pod()).ifPresent(w ->
                    result.computeIfAbsent(w.ref().identity(), k -> new ArrayList<>()).add(alert));
        }
        return result;
    }

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findingsSoFar) {
        List<RuntimeAlert> alerts = config.evidence().get(RuntimeData.class).map(RuntimeData::alerts).orElse(null);
        if (alerts == null) {
            return Result.answer(new Answer(10, QUESTION, Answer.Status.NEEDS_DATA, "No runtime events.", Table.empty(),
                    "Give runtime alerts with --runtime-alerts FILE (Falco's JSON output, one alert per line)."));
        }
        Map<String, List<RuntimeAlert>> byWorkload = new TreeMap<>();
        Map<String, String> names = new java.util.HashMap<>();
        snapshot.workloads().forEach(w -> names.put(w.ref().identity(), w.ref().toString()));
        byWorkload(snapshot, alerts).forEach((identity, list) -> byWorkload.put(names.get(identity), list));
        int unattributed = alerts.size() - byWorkload.values().stream().mapToInt(List::size).sum();
        Table.Builder table = new Table.Builder("workload", "alerts", "rules", "highest priority", "last seen");
        byWorkload.forEach((workload, list) -> {
            TreeSet<String> rules = new TreeSet<>();
            list.forEach(a -> rules.add(a.rule() + (a.process().isEmpty() ? "" : " (" + a.process() + ")")));
            String highest = list.stream().map(RuntimeAlert::priority).min(java.util.Comparator.comparingInt(RuntimeAlerts::rank))
                    .orElse("");
            Instant last = list.stream().map(RuntimeAlert::time).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                    .orElse(null);
            table.row(workload, Integer.toString(list.size()), String.join("; ", rules), highest,
                    last == null ? "" : last.toString());
        });
        String summary = byWorkload.isEmpty() ? "No runtime alert on any workload"
                + (unattributed > 0 ? " (" + Text.count(unattributed, "alert") + " on pods not in the inventory)." : ".")
                : Text.count(byWorkload.size(), "workload") + " saw runtime alerts: " + String.join(", ", byWorkload.keySet())
                + (unattributed > 0 ? "; " + Text.count(unattributed, "alert") + " on pods not in the inventory." : ".");
        return Result.answer(new Answer(10, QUESTION, Answer.Status.ANSWERED, summary, table.build(), ""));
    }

    /** Falco's priorities, most severe first. */
    private static int rank(String priority) {
        List<String> order = List.of("emergency", "alert", "critical", "error", "warning", "notice", "informational",
                "debug");
        int index = order.indexOf(priority.toLowerCase(java.util.Locale.ROOT));
        return index < 0 ? order.size() : index;
    }
}
