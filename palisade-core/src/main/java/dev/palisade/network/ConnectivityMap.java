package dev.palisade.network;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Workload;
import dev.palisade.network.Endpoint.External;
import dev.palisade.network.Endpoint.WorkloadEndpoint;
import dev.palisade.network.NetworkModel.NetPod;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.network.Reachability.PodClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every allowed connection at workload granularity: between workloads (a workload's connections are the union
 * over its pods; connections of a workload with itself are left out), from external address ranges into
 * workloads and from workloads out. External ranges are the address space split at the ipBlock boundaries of
 * the policies (ingress blocks for sources, egress blocks for destinations), one line per contiguous range.
 */
public final class ConnectivityMap {

    private ConnectivityMap() {
    }

    /** Every allowed connection, sorted by source then destination label. */
    public static List<Flow> of(Reachability reachability) {
        Map<Workload, Set<PodClass>> classesOfWorkload = classesOfWorkload(reachability);
        List<Workload> workloads = new ArrayList<>(classesOfWorkload.keySet());
        Map<Workload, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < workloads.size(); i++) {
            index.put(workloads.get(i), i);
        }
        // Per signature, the workloads of its classes (as indexes), so pairs expand without hashing workloads.
        Map<Integer, int[]> sources = workloadsBySignature(reachability.classesBySignature(true), index);
        Map<Integer, int[]> destinations = workloadsBySignature(reachability.classesBySignature(false), index);
        Map<Long, Connections> pairs = new HashMap<>();
        long count = workloads.size(); // from * count + to: spreads hash codes, unlike from << 32 | to
        reachability.forEachSignaturePair((s, d, connections) -> {
            for (int from : sources.get(s)) {
                for (int to : destinations.get(d)) {
                    if (from != to) {
                        pairs.merge((long) from * count + to, connections, Connections::union);
                    }
                }
            }
        });
        WorkloadEndpoint[] endpoints = workloads.stream().map(ConnectivityMap::endpoint).toArray(WorkloadEndpoint[]::new);
        List<Flow> flows = new ArrayList<>(pairs.size());
        pairs.forEach((key, connections) -> flows.add(new Flow(endpoints[(int) (key / count)],
                endpoints[(int) (key % count)], connections)));
        flows.addAll(externalFlows(reachability, classesOfWorkload));
        flows.sort(null);
        return flows;
    }

    private static Map<Integer, int[]> workloadsBySignature(Map<Integer, List<PodClass>> classesBySignature,
                                                            Map<Workload, Integer> index) {
        Map<Integer, int[]> result = new HashMap<>();
        classesBySignature.forEach((signature, podClasses) -> {
            java.util.BitSet members = new java.util.BitSet();
            for (PodClass podClass : podClasses) {
                for (NetPod pod : podClass.pods()) {
                    members.set(index.get(pod.workload()));
                }
            }
            result.put(signature, members.stream().toArray());
        });
        return result;
    }

    /** Only the connections from or to one workload. */
    public static List<Flow> focus(List<Flow> flows, ObjectRef workload) {
        String label = new WorkloadEndpoint(workload).label();
        return flows.stream().filter(f -> f.source().label().equals(label) || f.destination().label().equals(label))
                .toList();
    }

    static WorkloadEndpoint endpoint(Workload workload) {
        return new WorkloadEndpoint(workload.ref());
    }

    /** The pod classes of each workload, by workload identity. */
    public static Map<Workload, Set<PodClass>> classesOfWorkload(Reachability reachability) {
        return reachability.classesByWorkload();
    }

    private static List<Flow> externalFlows(Reachability reachability, Map<Workload, Set<PodClass>> classesOfWorkload) {
        List<Flow> flows = new ArrayList<>();
        List<IpSet> sources = reachability.sourceAtoms();
        List<IpSet> destinations = reachability.destinationAtoms();
        for (Map.Entry<Workload, Set<PodClass>> entry : classesOfWorkload.entrySet()) {
            WorkloadEndpoint workload = endpoint(entry.getKey());
            for (int atom = 0; atom < sources.size(); atom++) {
                Connections in = Connections.NONE;
                for (PodClass podClass : entry.getValue()) {
                    in = in.union(reachability.fromExternal(atom, podClass));
                }
                Connections allowed = in;
                addRanges(flows, sources.get(atom), in, range -> new Flow(new External(range), workload, allowed));
            }
            for (int atom = 0; atom < destinations.size(); atom++) {
                Connections out = Connections.NONE;
                for (PodClass podClass : entry.getValue()) {
                    out = out.union(reachability.toExternal(podClass, atom));
                }
                Connections allowed = out;
                addRanges(flows, destinations.get(atom), out, range -> new Flow(workload, new External(range), allowed));
            }
        }
        return flows;
    }

    private static void addRanges(List<Flow> flows, IpSet atom, Connections connections,
                                  java.util.function.Function<IpSet, Flow> flow) {
        if (connections.isEmpty()) {
            return;
        }
        for (IpSet range : atom.split()) {
            flows.add(flow.apply(range));
        }
    }

    /** Workloads that no policy isolates, per direction (np-guard's "not protected" lines). */
    public static Map<Direction, List<ObjectRef>> unprotected(Reachability reachability) {
        Map<Direction, List<ObjectRef>> result = new TreeMap<>();
        for (Direction direction : Direction.values()) {
            List<ObjectRef> refs = new ArrayList<>();
            classesOfWorkload(reachability).forEach((workload, podClasses) -> {
                if (podClasses.stream().anyMatch(c -> !reachability.isolated(c, direction))) {
                    refs.add(workload.ref());
                }
            });
            result.put(direction, refs);
        }
        return result;
    }
}
