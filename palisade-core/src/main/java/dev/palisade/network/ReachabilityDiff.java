package dev.palisade.network;

import dev.palisade.network.Endpoint.External;
import dev.palisade.network.Endpoint.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changes between two connectivity maps of the same workloads: connections added, removed, or changed on a
 * path. External ranges are compared address by address (the two maps may split the address space at different
 * ipBlock boundaries); adjacent ranges with the same change are reported as one.
 */
public final class ReachabilityDiff {

    private ReachabilityDiff() {
    }

    /** The connections of one path before and after; at least one is not empty, and they differ. */
    public record Change(Endpoint source, Endpoint destination, Connections before, Connections after) {

        public Connections added() {
            return after.minus(before);
        }

        public Connections removed() {
            return before.minus(after);
        }

        /** {@code added} (a new path), {@code removed} (a path gone) or {@code changed}. */
        public String kind() {
            return before.isEmpty() ? "added" : after.isEmpty() ? "removed" : "changed";
        }
    }

    /** Every changed path, sorted by source then destination label. */
    public static List<Change> of(List<Flow> before, List<Flow> after) {
        Paths was = Paths.of(before);
        Paths is = Paths.of(after);
        List<Change> changes = new ArrayList<>();
        Set<List<Endpoint>> pairs = new LinkedHashSet<>(was.betweenWorkloads().keySet());
        pairs.addAll(is.betweenWorkloads().keySet());
        for (List<Endpoint> pair : pairs) {
            Connections from = was.betweenWorkloads().getOrDefault(pair, Connections.NONE);
            Connections to = is.betweenWorkloads().getOrDefault(pair, Connections.NONE);
            if (!from.equals(to)) {
                changes.add(new Change(pair.get(0), pair.get(1), from, to));
            }
        }
        Set<ExternalSide> sides = new LinkedHashSet<>(was.external().keySet());
        sides.addAll(is.external().keySet());
        for (ExternalSide side : sides) {
            changes.addAll(externalChanges(side, was.external().getOrDefault(side, List.of()),
                    is.external().getOrDefault(side, List.of())));
        }
        changes.sort(Comparator.comparing((Change c) -> c.source().label()).thenComparing(c -> c.destination().label()));
        return changes;
    }

    /** A workload and whether the external end is the source (ingress from outside) or the destination. */
    private record ExternalSide(WorkloadEndpoint workload, boolean externalIsSource) {
    }

    /** A map's paths: connections per workload pair, and each workload's flows with external ranges. */
    private record Paths(Map<List<Endpoint>, Connections> betweenWorkloads, Map<ExternalSide, List<Flow>> external) {

        static Paths of(List<Flow> flows) {
            Paths paths = new Paths(new HashMap<>(), new HashMap<>());
            for (Flow flow : flows) {
                if (flow.source() instanceof External) {
                    paths.external.computeIfAbsent(new ExternalSide((WorkloadEndpoint) flow.destination(), true),
                            k -> new ArrayList<>()).add(flow);
                } else if (flow.destination() instanceof External) {
                    paths.external.computeIfAbsent(new ExternalSide((WorkloadEndpoint) flow.source(), false),
                            k -> new ArrayList<>()).add(flow);
                } else {
                    paths.betweenWorkloads.put(List.of(flow.source(), flow.destination()), flow.connections());
                }
            }
            return paths;
        }
    }

    /**
     * The changes between one workload's external ranges before and after: the ranges are cut into pieces where
     * either map has a boundary, pieces whose connections differ are grouped by (before, after), and each group's
     * union is reported as its contiguous ranges.
     */
    private static List<Change> externalChanges(ExternalSide side, List<Flow> before, List<Flow> after) {
        Map<List<Connections>, IpSet> pieces = new HashMap<>();
        for (Flow b : before) {
            IpSet rest = range(b);
            for (Flow a : after) {
                IpSet common = range(b).intersect(range(a));
                if (!common.isEmpty()) {
                    pieces.merge(List.of(b.connections(), a.connections()), common, IpSet::union);
                    rest = rest.minus(common);
                }
            }
            pieces.merge(List.of(b.connections(), Connections.NONE), rest, IpSet::union);
        }
        for (Flow a : after) {
            IpSet rest = range(a);
            for (Flow b : before) {
                rest = rest.minus(range(b));
            }
            pieces.merge(List.of(Connections.NONE, a.connections()), rest, IpSet::union);
        }
        List<Change> changes = new ArrayList<>();
        pieces.forEach((connections, ranges) -> {
            if (!connections.get(0).equals(connections.get(1))) {
                for (IpSet range : ranges.split()) {
                    Endpoint external = new External(range);
                    changes.add(side.externalIsSource()
                            ? new Change(external, side.workload(), connections.get(0), connections.get(1))
                            : new Change(side.workload(), external, connections.get(0), connections.get(1)));
                }
            }
        });
        return changes;
    }

    private static IpSet range(Flow flow) {
        return ((External) (flow.source() instanceof External ? flow.source() : flow.destination())).range();
    }
}
