package dev.palisade.ownership;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code --by team}: one report per owning team, each answering the twelve questions for that team's workloads
 * alone. A team's inventory is its workloads, the namespaced objects of the namespaces it has workloads in (so
 * Services, policies and namespace settings that concern them count), and the cluster-scoped objects (so RBAC
 * is evaluated), whose own findings are left out of team reports: they belong to no team and are listed once.
 */
public final class TeamReports {

    /** The team name of workloads nobody owns. */
    public static final String UNOWNED = "(no owner)";

    /** One team's report. */
    public record TeamReport(String team, ScanReport report) {
    }

    private TeamReports() {
    }

    public static List<TeamReport> split(Snapshot snapshot, ScanConfig config) {
        OwnerResolver resolver = new OwnerResolver(snapshot, config);
        Map<String, List<Workload>> byTeam = new TreeMap<>();
        for (Workload workload : snapshot.workloads()) {
            String team = resolver.owner(workload).map(OwnerResolver.Owner::team).orElse(UNOWNED);
            byTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(workload);
        }
        List<TeamReport> reports = new ArrayList<>();
        byTeam.forEach((team, workloads) -> {
            Set<String> namespaces = new TreeSet<>();
            workloads.forEach(w -> namespaces.add(w.namespace()));
            List<KubeObject> objects = snapshot.objects().stream().filter(o -> o.ref().namespace().isEmpty()
                    ? !o.ref().kind().equals("Namespace") || namespaces.contains(o.ref().name())
                    : namespaces.contains(o.ref().namespace())).toList();
            Snapshot own = new Snapshot(snapshot.info(), objects, workloads, snapshot.problems());
            ScanReport full = Scanner.scan(own, config);
            ScanReport report = new ScanReport(own, full.policiesEvaluated(), full.findings().stream()
                    .filter(f -> !f.resource().namespace().isEmpty() || f.resource().kind().equals("Namespace"))
                    .toList(), full.answers(), full.sections(), full.problems());
            reports.add(new TeamReport(team, report));
        });
        return reports;
    }
}
