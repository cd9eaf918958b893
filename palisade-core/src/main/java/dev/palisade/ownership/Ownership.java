package dev.palisade.ownership;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
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
import java.util.stream.Collectors;

/**
 * Question 11: which team owns each application (resolved by {@link OwnerResolver}), and which workloads
 * nobody owns (the findings of policy {@value #UNOWNED}).
 */
public final class Ownership implements Analysis {

    static final String UNOWNED = "workload-without-owner";
    private static final String UNOWNED_ROW = "(no owner)";

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        OwnerResolver resolver = new OwnerResolver(snapshot, config);
        Set<String> unowned = Analysis.of(policyFindings, UNOWNED).stream().map(f -> f.resource().identity())
                .collect(Collectors.toSet());
        Map<String, Set<String>> workloadsByTeam = new TreeMap<>();
        Map<String, Set<String>> namespacesByTeam = new TreeMap<>();
        for (Workload workload : snapshot.workloads()) {
            String team = unowned.contains(workload.ref().identity()) ? UNOWNED_ROW
                    : resolver.owner(workload).map(OwnerResolver.Owner::team).orElse(UNOWNED_ROW);
            workloadsByTeam.computeIfAbsent(team, t -> new TreeSet<>()).add(workload.ref().toString());
            namespacesByTeam.computeIfAbsent(team, t -> new TreeSet<>()).add(workload.namespace());
        }
        Table.Builder table = new Table.Builder("team", "workloads", "namespaces");
        workloadsByTeam.forEach((team, workloads) -> {
            if (!team.equals(UNOWNED_ROW)) {
                table.row(team, String.valueOf(workloads.size()), String.join(", ", namespacesByTeam.get(team)));
            }
        });
        Set<String> withoutOwner = workloadsByTeam.getOrDefault(UNOWNED_ROW, Set.of());
        if (!withoutOwner.isEmpty()) {
            table.row(UNOWNED_ROW, String.valueOf(withoutOwner.size()),
                    String.join(", ", namespacesByTeam.get(UNOWNED_ROW)));
        }
        int teams = workloadsByTeam.size() - (withoutOwner.isEmpty() ? 0 : 1);
        String summary = Text.count(teams, "team") + (teams == 1 ? " owns " : " own ")
                + (snapshot.workloads().size() - withoutOwner.size()) + " of "
                + Text.count(snapshot.workloads().size(), "workload")
                + (withoutOwner.isEmpty() ? "." : "; " + withoutOwner.size() + " without an owner (findings "
                + UNOWNED + ").");
        return Result.answer(new Answer(11, "Which team owns each application?", Answer.Status.ANSWERED, summary,
                table.build(), ""));
    }
}
