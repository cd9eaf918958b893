package dev.palisade.ownership;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Check;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Question 11: which team owns each application, and which workloads nobody owns. */
public final class Ownership implements Analysis {

    static final Check UNOWNED = new Check("workload-without-owner", "Workload without an owning team", Severity.LOW,
            "Label the workload (or its namespace) with the owning team, e.g. team: payments.",
            Map.of("stackrox", "Required Label: Owner/Team"));

    private static final String UNOWNED_ROW = "(no owner)";

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config) {
        OwnerResolver resolver = new OwnerResolver(snapshot, config.ownerKeys());
        Map<String, Set<String>> workloadsByTeam = new TreeMap<>();
        Map<String, Set<String>> namespacesByTeam = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Workload workload : snapshot.workloads()) {
            Optional<OwnerResolver.Owner> owner = resolver.owner(workload);
            String team = owner.map(OwnerResolver.Owner::team).orElse(UNOWNED_ROW);
            workloadsByTeam.computeIfAbsent(team, t -> new TreeSet<>()).add(workload.ref().toString());
            namespacesByTeam.computeIfAbsent(team, t -> new TreeSet<>()).add(workload.namespace());
            if (owner.isEmpty()) {
                findings.add(UNOWNED.finding(workload.ref(), workload.source(), "no label or annotation "
                        + String.join(", ", config.ownerKeys()) + " on the workload, its pod template or its namespace"));
            }
        }
        Table.Builder table = new Table.Builder("team", "workloads", "namespaces");
        workloadsByTeam.forEach((team, workloads) -> {
            if (!team.equals(UNOWNED_ROW)) {
                table.row(team, String.valueOf(workloads.size()), String.join(", ", namespacesByTeam.get(team)));
            }
        });
        Set<String> unowned = workloadsByTeam.getOrDefault(UNOWNED_ROW, Set.of());
        if (!unowned.isEmpty()) {
            table.row(UNOWNED_ROW, String.valueOf(unowned.size()), String.join(", ", namespacesByTeam.get(UNOWNED_ROW)));
        }
        int teams = workloadsByTeam.size() - (unowned.isEmpty() ? 0 : 1);
        String summary = Text.count(teams, "team") + (teams == 1 ? " owns " : " own ")+ (snapshot.workloads().size() - unowned.size())
                + " of " + Text.count(snapshot.workloads().size(), "workload")
                + (unowned.isEmpty() ? "." : "; " + unowned.size() + " without an owner (findings "
                + UNOWNED.id() + ").");
        Answer answer = new Answer(11, "Which team owns each application?", Answer.Status.ANSWERED, summary,
                table.build(), "");
        return new Result(findings, List.of(answer));
    }
}
