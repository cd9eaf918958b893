package dev.palisade.network;

import dev.palisade.inventory.Workload;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.network.Reachability.PodClass;
import dev.palisade.network.Reachability.RuleRef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One reachability question, {@code palisade netpol reach}: may a workload (or an external address) connect to a
 * workload (or an external address), and which policy rules decide it on each side.
 */
public final class ReachQuery {

    /** A side of the connection: the source's egress or the destination's ingress. */
    public record Side(Direction direction, String subject, boolean isolated, List<String> isolatingPolicies,
                       List<String> allowingRules, Connections allowed) {

        /** In words: open, or which rules allow, or that isolation denies. */
        public String explanation() {
            String what = direction == Direction.EGRESS ? "egress" : "ingress";
            if (!isolated) {
                return what + " of " + subject + ": not isolated (no policy selects it for " + what + "): everything allowed";
            }
            String policies = "isolated by " + String.join(", ", isolatingPolicies);
            if (allowingRules.isEmpty()) {
                return what + " of " + subject + ": " + policies + "; no rule allows it: denied";
            }
            return what + " of " + subject + ": " + policies + "; allowed " + allowed + " by " + String.join("; ", allowingRules);
        }
    }

    /**
     * The answer: what is allowed, and each side's verdict; a side is null when that end is outside the cluster
     * (external sources are not restricted on egress, external destinations not on ingress).
     */
    public record Answer(String source, String destination, Connections allowed, Side egress, Side ingress) {
    }

    /** An end of the question: a workload, or an address outside the cluster. */
    public sealed interface End permits WorkloadEnd, AddressEnd {
    }

    public record WorkloadEnd(Workload workload) implements End {
    }

    public record AddressEnd(String address) implements End {
    }

    private ReachQuery() {
    }

    public static Answer ask(Reachability reachability, End source, End destination) {
        if (source instanceof AddressEnd && destination instanceof AddressEnd) {
            throw new IllegalArgumentException("one end must be a workload: NetworkPolicies govern pods");
        }
        var classes = ConnectivityMap.classesOfWorkload(reachability);
        Side egress = null;
        Side ingress = null;
        Connections allowed;
        if (destination instanceof AddressEnd address) {
            Workload from = ((WorkloadEnd) source).workload();
            int atom = atom(reachability.destinationAtoms(), address.address());
            allowed = Connections.NONE;
            for (PodClass podClass : classes.getOrDefault(from, Set.of())) {
                allowed = allowed.union(reachability.toExternal(podClass, atom));
            }
            egress = side(reachability, Direction.EGRESS, from, classes.getOrDefault(from, Set.of()),
                    rule -> rule.peerAtoms().get(atom), null, allowed);
            return new Answer(label(source), address.address(), allowed, egress, null);
        }
        Workload to = ((WorkloadEnd) destination).workload();
        Set<PodClass> destinations = classes.getOrDefault(to, Set.of());
        if (source instanceof AddressEnd address) {
            int atom = atom(reachability.sourceAtoms(), address.address());
            allowed = Connections.NONE;
            for (PodClass podClass : destinations) {
                allowed = allowed.union(reachability.fromExternal(atom, podClass));
            }
            ingress = side(reachability, Direction.INGRESS, to, destinations, rule -> rule.peerAtoms().get(atom),
                    destinations.stream().findFirst().orElse(null), allowed);
            return new Answer(address.address(), label(destination), allowed, null, ingress);
        }
        Workload from = ((WorkloadEnd) source).workload();
        Set<PodClass> sources = classes.getOrDefault(from, Set.of());
        Connections out = Connections.NONE;
        Connections in = Connections.NONE;
        allowed = Connections.NONE;
        for (PodClass s : sources) {
            for (PodClass d : destinations) {
                out = out.union(reachability.egress(s.id(), d));
                in = in.union(reachability.ingress(s.id(), d));
                allowed = allowed.union(reachability.between(s, d));
            }
        }
        PodClass anyDestination = destinations.stream().findFirst().orElse(null);
        egress = side(reachability, Direction.EGRESS, from, sources,
                rule -> destinations.stream().anyMatch(d -> rule.peerClasses().get(d.id())), anyDestination, out);
        ingress = side(reachability, Direction.INGRESS, to, destinations,
                rule -> sources.stream().anyMatch(s -> rule.peerClasses().get(s.id())), anyDestination, in);
        return new Answer(label(source), label(destination), allowed, egress, ingress);
    }

    private static Side side(Reachability reachability, Direction direction, Workload subject, Set<PodClass> classes,
                             java.util.function.Predicate<RuleRef> peerMatches, PodClass destination, Connections allowed) {
        boolean isolated = !classes.isEmpty() && classes.stream().allMatch(c -> reachability.isolated(c, direction));
        Set<String> policies = new LinkedHashSet<>();
        Set<String> rules = new LinkedHashSet<>();
        for (PodClass podClass : classes) {
            reachability.policiesSelecting(podClass, direction).forEach(p -> policies.add(p.ref().name()));
            for (RuleRef rule : reachability.rulesAllowing(direction, podClass.id(), peerMatches, destination)) {
                rules.add(rule.policy().ref().name() + " " + direction.field() + "[" + rule.rule().index() + "] ("
                        + Reachability.portsAt(rule, destination) + ")");
            }
        }
        return new Side(direction, label(new WorkloadEnd(subject)), isolated, new ArrayList<>(policies),
                new ArrayList<>(rules), allowed);
    }

    private static int atom(List<IpSet> atoms, String address) {
        BigInteger number = IpSet.toNumber(address).orElseThrow(() ->
                new IllegalArgumentException("'" + address + "' is not an IP address"));
        for (int i = 0; i < atoms.size(); i++) {
            if (atoms.get(i).contains(number)) {
                return i;
            }
        }
        throw new IllegalArgumentException("address " + address + " is outside the analysed address space");
    }

    private static String label(End end) {
        return end instanceof WorkloadEnd w ? new Endpoint.WorkloadEndpoint(w.workload().ref()).label()
                : ((AddressEnd) end).address();
    }
}
