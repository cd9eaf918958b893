package dev.palisade.network;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.network.Reachability.PodClass;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Section;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's network section, from the network engine: per namespace, how many workloads NetworkPolicies
 * isolate in each direction, how many connections are allowed between workloads, and how many workloads accept
 * connections from outside the cluster.
 */
public final class NetworkOverview implements Analysis {

    private static final class Row {
        int workloads;
        int ingressIsolated;
        int egressIsolated;
        int policies;
        int inbound;
        int fromOutside;
    }

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findingsSoFar) {
        Reachability reachability = Reachability.of(snapshot);
        NetworkModel model = reachability.model();
        Map<Workload, Set<PodClass>> classes = ConnectivityMap.classesOfWorkload(reachability);
        Map<String, Row> rows = new TreeMap<>();
        snapshot.workloads().forEach(w -> {
            Row row = rows.computeIfAbsent(w.namespace(), k -> new Row());
            row.workloads++;
            Set<PodClass> own = classes.getOrDefault(w, Set.of());
            if (!own.isEmpty() && own.stream().allMatch(c -> reachability.isolated(c, Direction.INGRESS))) {
                row.ingressIsolated++;
            }
            if (!own.isEmpty() && own.stream().allMatch(c -> reachability.isolated(c, Direction.EGRESS))) {
                row.egressIsolated++;
            }
        });
        model.policies().forEach(p -> rows.computeIfAbsent(p.namespace(), k -> new Row()).policies++);
        List<Flow> flows = ConnectivityMap.of(reachability);
        Set<String> fromOutside = new java.util.HashSet<>();
        int internal = 0;
        for (Flow flow : flows) {
            if (flow.destination() instanceof Endpoint.WorkloadEndpoint destination) {
                Row row = rows.computeIfAbsent(destination.ref().namespace(), k -> new Row());
                if (flow.source() instanceof Endpoint.External) {
                    if (fromOutside.add(destination.label())) {
                        row.fromOutside++;
                    }
                } else {
                    row.inbound++;
                    internal++;
                }
            }
        }
        Table.Builder table = new Table.Builder("namespace", "workloads", "ingress isolated", "egress isolated",
                "policies", "allowed connections in", "open to outside addresses");
        int workloads = 0;
        int ingress = 0;
        int egress = 0;
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            Row row = entry.getValue();
            workloads += row.workloads;
            ingress += row.ingressIsolated;
            egress += row.egressIsolated;
            table.row(entry.getKey(), Integer.toString(row.workloads), ratio(row.ingressIsolated, row.workloads),
                    ratio(row.egressIsolated, row.workloads), Integer.toString(row.policies), Integer.toString(row.inbound),
                    Integer.toString(row.fromOutside));
        }
        String summary = workloads == 0 ? "No workloads." : "NetworkPolicies isolate " + ratio(ingress, workloads)
                + " workloads for ingress and " + ratio(egress, workloads) + " for egress; they allow "
                + Text.count(internal, "connection") + " between workloads, and " + fromOutside.size() + " of "
                + Text.count(workloads, "workload") + " accept connections from addresses outside the cluster"
                + " (run 'palisade netpol map' for every connection).";
        return new Result(List.of(), List.of(), List.of(new Section("Network", summary, table.build())));
    }

    private static String ratio(int part, int whole) {
        return part + "/" + whole;
    }
}
