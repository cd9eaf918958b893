package dev.palisade.network;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.network.Endpoint.External;
import dev.palisade.network.Endpoint.WorkloadEndpoint;
import dev.palisade.network.NetworkModel.NetPod;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.network.Reachability.PodClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Question 9, which network paths are allowed but never used: the connectivity map compared with observed flows.
 * A connection of an allowed path (workload to workload, external range to workload, workload to external range)
 * is used when some observed flow took it; an external range counts as used on a port when any address in it was
 * seen on that port. Observed flows the policies deny are listed with the side that denies them.
 *
 * <p>Workload granularity, as in the connectivity map: a flow is allowed when some pod of the source may reach
 * some pod of the destination. Flows within one workload (between its replicas) are checked for denial too, but
 * are not paths of the map.
 */
public final class FlowDiff {

    private FlowDiff() {
    }

    /**
     * An allowed path with connections no observed flow took.
     *
     * @param allowed what the policies allow on the path
     * @param used    what observed flows took of it (empty: the path was never used)
     */
    public record UnusedPath(Endpoint source, Endpoint destination, Connections allowed, Connections used) {

        public Connections unused() {
            return allowed.minus(used);
        }

        /** No observed flow took the path at all. */
        public boolean neverUsed() {
            return used.isEmpty();
        }
    }

    /**
     * A side of a connection that denies it: the source's egress or the destination's ingress.
     *
     * @param policies the policies that isolate that side (none of their rules allows the flow)
     */
    public record Denial(Direction side, List<ObjectRef> policies) {

        /** {@code source egress} or {@code destination ingress}. */
        public String sideName() {
            return side == Direction.EGRESS ? "source egress" : "destination ingress";
        }
    }

    /**
     * An observed flow the policies deny.
     *
     * @param flow     the flow, with the latest lastSeen of its repeats
     * @param deniedBy the sides that deny it (for some pod pair; both when both do)
     */
    public record DeniedFlow(ObservedFlow flow, List<Denial> deniedBy) {
    }

    /**
     * @param unused        allowed paths with unused connections, in map order
     * @param denied        observed flows the policies deny, by source, destination, protocol and port
     * @param allowedPaths  how many paths the connectivity map has
     * @param observedFlows how many distinct flows (source, destination, protocol, port) were observed
     */
    public record Result(List<UnusedPath> unused, List<DeniedFlow> denied, int allowedPaths, int observedFlows) {

        public Result {
            unused = List.copyOf(unused);
            denied = List.copyOf(denied);
        }

        /** How many paths no observed flow took at all. */
        public long neverUsed() {
            return unused.stream().filter(UnusedPath::neverUsed).count();
        }
    }

    /** Compares what the reachability allows with what was observed. */
    public static Result of(Reachability reachability, List<ObservedFlow> observed) {
        Map<ObjectRef, Set<PodClass>> classes = classesByWorkload(reachability);
        Map<ObservedKey, ObservedFlow> distinct = new LinkedHashMap<>();
        observed.forEach(flow -> distinct.merge(ObservedKey.of(flow), flow, FlowDiff::later));
        Map<Endpoint, List<ObservedFlow>> usedByWorkload = new HashMap<>();
        List<DeniedFlow> denied = new ArrayList<>();
        for (ObservedFlow flow : distinct.values()) {
            List<Denial> denials = denials(reachability, classes, flow);
            if (denials.isEmpty()) {
                Endpoint workload = flow.source() instanceof External ? flow.destination() : flow.source();
                usedByWorkload.computeIfAbsent(workload, k -> new ArrayList<>()).add(flow);
            } else {
                denied.add(new DeniedFlow(flow, denials));
            }
        }
        denied.sort(Comparator.comparing((DeniedFlow d) -> ObservedFlow.label(d.flow().source()))
                .thenComparing(d -> ObservedFlow.label(d.flow().destination()))
                .thenComparing(d -> d.flow().protocol()).thenComparingInt(d -> d.flow().port()));
        List<Flow> allowed = ConnectivityMap.of(reachability);
        List<UnusedPath> unused = new ArrayList<>();
        for (Flow path : allowed) {
            Connections taken = taken(path, usedByWorkload).intersect(path.connections());
            if (!taken.equals(path.connections())) {
                unused.add(new UnusedPath(path.source(), path.destination(), path.connections(), taken));
            }
        }
        return new Result(unused, denied, allowed.size(), distinct.size());
    }

    /** An observed flow without its time: repeats of one flow count once. */
    private record ObservedKey(Endpoint source, Endpoint destination, Protocol protocol, int port) {
        static ObservedKey of(ObservedFlow flow) {
            return new ObservedKey(flow.source(), flow.destination(), flow.protocol(), flow.port());
        }
    }

    private static ObservedFlow later(ObservedFlow a, ObservedFlow b) {
        Instant first = a.lastSeen();
        Instant second = b.lastSeen();
        return second != null && (first == null || second.isAfter(first)) ? b : a;
    }

    /**
     * What observed flows took of a path, from the allowed flows of its workload end (the source, unless it is
     * external): an external end matches every observed address inside its range.
     */
    private static Connections taken(Flow path, Map<Endpoint, List<ObservedFlow>> usedByWorkload) {
        Endpoint workload = path.source() instanceof External ? path.destination() : path.source();
        Connections taken = Connections.NONE;
        for (ObservedFlow flow : usedByWorkload.getOrDefault(workload, List.of())) {
            if (covers(path.source(), flow.source()) && covers(path.destination(), flow.destination())) {
                taken = taken.union(flow.connections());
            }
        }
        return taken;
    }

    private static boolean covers(Endpoint path, Endpoint observed) {
        if (path instanceof External range && observed instanceof External address) {
            return range.range().containsAll(address.range());
        }
        return path.equals(observed);
    }

    /** The sides that deny a flow, or none when some pod pair allows it. */
    private static List<Denial> denials(Reachability reachability, Map<ObjectRef, Set<PodClass>> classes,
                                        ObservedFlow flow) {
        Protocol protocol = flow.protocol();
        int port = flow.port();
        Set<PodClass> denyingEgress = new LinkedHashSet<>();
        Set<PodClass> denyingIngress = new LinkedHashSet<>();
        if (flow.source() instanceof External address) {
            if (externalAllows(reachability, Direction.INGRESS, address, classesOf(classes, flow.destination()), flow,
                    denyingIngress)) {
                return List.of();
            }
        } else if (flow.destination() instanceof External address) {
            if (externalAllows(reachability, Direction.EGRESS, address, classesOf(classes, flow.source()), flow,
                    denyingEgress)) {
                return List.of();
            }
        } else {
            for (PodClass source : classesOf(classes, flow.source())) {
                for (PodClass destination : classesOf(classes, flow.destination())) {
                    boolean egress = reachability.egress(source.id(), destination).allows(protocol, port);
                    boolean ingress = reachability.ingress(source.id(), destination).allows(protocol, port);
                    if (egress && ingress) {
                        return List.of();
                    }
                    if (!egress) {
                        denyingEgress.add(source);
                    }
                    if (!ingress) {
                        denyingIngress.add(destination);
                    }
                }
            }
        }
        List<Denial> denials = new ArrayList<>();
        if (!denyingEgress.isEmpty()) {
            denials.add(new Denial(Direction.EGRESS, policies(reachability, denyingEgress, Direction.EGRESS)));
        }
        if (!denyingIngress.isEmpty()) {
            denials.add(new Denial(Direction.INGRESS, policies(reachability, denyingIngress, Direction.INGRESS)));
        }
        return denials;
    }

    private static List<ObjectRef> policies(Reachability reachability, Set<PodClass> classes, Direction side) {
        Set<ObjectRef> refs = new TreeSet<>(Comparator.comparing(ObjectRef::namespace).thenComparing(ObjectRef::name));
        classes.forEach(c -> reachability.policiesSelecting(c, side).forEach(p -> refs.add(p.ref())));
        return List.copyOf(refs);
    }

    /**
     * Whether some class of the workload end allows the flow with an external address on the given side (ingress
     * from it, egress to it); the classes that do not are added to {@code denying}.
     */
    private static boolean externalAllows(Reachability reachability, Direction side, External address,
                                          Set<PodClass> classes, ObservedFlow flow, Set<PodClass> denying) {
        int atom = atomOf(side == Direction.INGRESS ? reachability.sourceAtoms() : reachability.destinationAtoms(), address);
        for (PodClass podClass : classes) {
            Connections allowed = atom < 0 ? outsideEveryBlock(reachability, podClass, side)
                    : side == Direction.INGRESS ? reachability.fromExternal(atom, podClass)
                    : reachability.toExternal(podClass, atom);
            if (allowed.allows(flow.protocol(), flow.port())) {
                return true;
            }
            denying.add(podClass);
        }
        return false;
    }

    /** The external range holding an address; -1 for an address family the model never mentions. */
    private static int atomOf(List<IpSet> atoms, External address) {
        for (int atom = 0; atom < atoms.size(); atom++) {
            if (atoms.get(atom).containsAll(address.range())) {
                return atom;
            }
        }
        return -1;
    }

    /**
     * What a class allows in one direction to or from an address no ipBlock contains (an IPv6 address when the
     * model has only IPv4 blocks and pods, so the engine's ranges leave IPv6 out): everything when the class is not
     * isolated, else the ports of rules without peers. Egress ports never resolve named ports for an address.
     */
    private static Connections outsideEveryBlock(Reachability reachability, PodClass podClass, Direction direction) {
        if (!reachability.isolated(podClass, direction)) {
            return Connections.ALL;
        }
        Map<String, List<ParsedPolicy.NamedPort>> named = direction == Direction.INGRESS ? podClass.namedPorts() : Map.of();
        Connections allowed = Connections.NONE;
        for (ParsedPolicy policy : reachability.policiesSelecting(podClass, direction)) {
            for (ParsedPolicy.Rule rule : policy.rules(direction)) {
                if (rule.anyPeer()) {
                    allowed = allowed.union(rule.ports().isEmpty() ? Connections.ALL : rule.ports().stream()
                            .map(p -> p.resolve(named)).reduce(Connections.NONE, Connections::union));
                }
            }
        }
        return allowed;
    }

    private static Set<PodClass> classesOf(Map<ObjectRef, Set<PodClass>> classes, Endpoint workload) {
        return classes.getOrDefault(((WorkloadEndpoint) workload).ref(), Set.of());
    }

    private static Map<ObjectRef, Set<PodClass>> classesByWorkload(Reachability reachability) {
        Map<ObjectRef, Set<PodClass>> classes = new HashMap<>();
        for (NetPod pod : reachability.model().pods()) {
            classes.computeIfAbsent(pod.workload().ref(), k -> new LinkedHashSet<>()).add(reachability.classOf(pod));
        }
        return classes;
    }
}
