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
        long inbound;
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
        // Counted per signature pair, never materialised: a cluster without policies allows every pair.
        Map<Integer, List<PodClass>> sources = reachability.classesBySignature(true);
        Map<Integer, List<PodClass>> destinations = reachability.classesBySignature(false);
        Map<Integer, Set<Workload>> sourceWorkloads = workloads(sources);
        long[] internal = {0};
        reachability.forEachSignaturePair((sig, dsig, connections) -> {
            Set<Workload> from = sourceWorkloads.get(sig);
            for (PodClass destination : destinations.get(dsig)) {
                Set<Workload> to = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                destination.pods().forEach(p -> to.add(p.workload()));
                for (Workload workload : to) {
                    long pairs = from.size() - (from.contains(workload) ? 1 : 0);
                    rows.computeIfAbsent(workload.namespace(), k -> new Row()).inbound += pairs;
                    internal[0] += pairs;
                }
            }
        });
        int openToOutside = 0;
        for (Map.Entry<Workload, Set<PodClass>> entry : classes.entrySet()) {
            boolean open = false;
            for (PodClass podClass : entry.getValue()) {
                for (int atom = 0; !open && atom < reachability.sourceAtoms().size(); atom++) {
                    open = !reachability.fromExternal(atom, podClass).isEmpty();
                }
            }
            if (open) {
                openToOutside++;
                rows.computeIfAbsent(entry.getKey().namespace(), k -> new Row()).fromOutside++;
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
                    ratio(row.egressIsolated, row.workloads), Integer.toString(row.policies), Long.toString(row.inbound),
                    Integer.toString(row.fromOutside));
        }
        String summary = workloads == 0 ? "No workloads." : "NetworkPolicies isolate " + ratio(ingress, workloads)
                + " workloads for ingress and " + ratio(egress, workloads) + " for egress; they allow "
                + Text.count(internal[0], "connection") + " between workloads, and " + openToOutside + " of "
                + Text.count(workloads, "workload") + " accept connections from addresses outside the cluster"
                + " (run 'palisade netpol map' for every connection).";
        return new Result(List.of(), List.of(), List.of(new Section("Network", summary, table.build())));
    }

    /** The workloads of each signature's classes, by identity. */
    private static Map<Integer, Set<Workload>> workloads(Map<Integer, List<PodClass>> bySignature) {
        Map<Integer, Set<Workload>> result = new java.util.HashMap<>();
        bySignature.forEach((signature, podClasses) -> {
            Set<Workload> set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            podClasses.forEach(c -> c.pods().forEach(p -> set.add(p.workload())));
            result.put(signature, set);
        });
        return result;
    }

    private static String ratio(int part, int whole) {
        return part + "/" + whole;
    }
}
