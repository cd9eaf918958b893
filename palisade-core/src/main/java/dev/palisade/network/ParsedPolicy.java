package dev.palisade.network;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.ObjectRef;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy in the form the engine evaluates, with networking.k8s.io/v1 defaults applied: policyTypes
 * default to Ingress, plus Egress when the spec has egress rules; an absent or empty {@code from}/{@code to}
 * means every peer, absent or empty {@code ports} every port, a missing protocol TCP.
 *
 * @param problems what is invalid in the policy (the API server would reject it); the invalid peer or port is
 *                 left out and the rest evaluated
 */
public record ParsedPolicy(KubeObject object, String namespace, LabelSelector podSelector, boolean isolatesIngress,
                           boolean isolatesEgress, List<Rule> ingress, List<Rule> egress, List<String> problems) {

    /** One ingress or egress rule: any of its peers, on any of its ports. */
    public record Rule(Direction direction, int index, List<Peer> peers, List<PortRule> ports) {

        /** Every peer: {@code from}/{@code to} absent or empty. */
        public boolean anyPeer() {
            return peers == null;
        }
    }

    public enum Direction {
        INGRESS, EGRESS;

        public String field() {
            return this == INGRESS ? "ingress" : "egress";
        }
    }

    /** A rule peer: pods chosen by selectors, or an IP block. */
    public sealed interface Peer permits PodPeer, BlockPeer {
    }

    /**
     * Pods chosen by a namespace selector (null: the policy's own namespace) and a pod selector (null: every
     * pod); both present means both must match.
     */
    public record PodPeer(LabelSelector namespaceSelector, LabelSelector podSelector) implements Peer {
    }

    /** {@code cidr} minus {@code except}, as written, and the addresses that leaves. */
    public record BlockPeer(String cidr, List<String> except, IpSet addresses) implements Peer {
    }

    /**
     * One port entry: {@code port} null means every port of the protocol; a named port resolves against the
     * destination pod's container ports of that protocol.
     */
    public record PortRule(Protocol protocol, Integer port, String name, Integer endPort) {

        /** The connections this entry allows towards a pod with these named ports. */
        public Connections resolve(Map<String, List<NamedPort>> namedPorts) {
            if (name != null) {
                Connections result = Connections.NONE;
                for (NamedPort named : namedPorts.getOrDefault(name, List.of())) {
                    if (named.protocol() == protocol) {
                        result = result.union(Connections.of(protocol, named.port()));
                    }
                }
                return result;
            }
            if (port == null) {
                return Connections.of(protocol, PortSet.ALL);
            }
            return Connections.of(protocol, PortSet.range(port, endPort == null ? port : endPort));
        }
    }

    /** A container port with a name. */
    public record NamedPort(Protocol protocol, int port) {
    }

    public ObjectRef ref() {
        return object.ref();
    }

    public List<Rule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    public boolean isolates(Direction direction) {
        return direction == Direction.INGRESS ? isolatesIngress : isolatesEgress;
    }

    /** Parses a NetworkPolicy object; never fails: what is invalid is listed in {@link #problems()}. */
    public static ParsedPolicy of(KubeObject object) {
        NetworkPolicy policy = object.as(NetworkPolicy.class).orElseThrow(
                () -> new IllegalArgumentException(object.ref() + " is not a networking.k8s.io/v1 NetworkPolicy"));
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        List<String> problems = new ArrayList<>();
        boolean hasEgress = spec.getEgress() != null && !spec.getEgress().isEmpty();
        boolean ingressType = true;
        boolean egressType = hasEgress;
        if (spec.getPolicyTypes() != null && !spec.getPolicyTypes().isEmpty()) {
            ingressType = false;
            egressType = false;
            for (String type : spec.getPolicyTypes()) {
                switch (type) {
                    case "Ingress" -> ingressType = true;
                    case "Egress" -> egressType = true;
                    default -> problems.add("policyTypes: unknown type '" + type + "' (expected Ingress or Egress)");
                }
            }
        }
        // A missing podSelector is invalid in the API; an empty one selects every pod. Treat both as empty.
        LabelSelector podSelector = spec.getPodSelector() == null ? new LabelSelector() : spec.getPodSelector();
        List<Rule> ingress = new ArrayList<>();
        List<Rule> egress = new ArrayList<>();
        if (spec.getIngress() != null) {
            for (int i = 0; i < spec.getIngress().size(); i++) {
                var rule = spec.getIngress().get(i);
                ingress.add(rule(Direction.INGRESS, i, rule.getFrom(), rule.getPorts(), problems));
            }
        }
        if (spec.getEgress() != null) {
            for (int i = 0; i < spec.getEgress().size(); i++) {
                var rule = spec.getEgress().get(i);
                egress.add(rule(Direction.EGRESS, i, rule.getTo(), rule.getPorts(), problems));
            }
        }
        if (!ingressType && !ingress.isEmpty()) {
            problems.add("has ingress rules but policyTypes leaves out Ingress: the rules have no effect");
        }
        if (!egressType && !egress.isEmpty()) {
            problems.add("has egress rules but policyTypes leaves out Egress: the rules have no effect");
        }
        return new ParsedPolicy(object, object.ref().namespace(), podSelector, ingressType, egressType,
                ingressType ? List.copyOf(ingress) : List.of(), egressType ? List.copyOf(egress) : List.of(),
                List.copyOf(problems));
    }

    private static Rule rule(Direction direction, int index, List<NetworkPolicyPeer> peers,
                             List<NetworkPolicyPort> ports, List<String> problems) {
        String where = direction.field() + "[" + index + "]";
        List<Peer> parsedPeers = null;
        if (peers != null && !peers.isEmpty()) {
            parsedPeers = new ArrayList<>();
            for (int p = 0; p < peers.size(); p++) {
                peer(peers.get(p), where + "." + (direction == Direction.INGRESS ? "from" : "to") + "[" + p + "]",
                        problems).ifPresent(parsedPeers::add);
            }
            parsedPeers = List.copyOf(parsedPeers);
        }
        List<PortRule> parsedPorts = new ArrayList<>();
        if (ports != null) {
            for (int p = 0; p < ports.size(); p++) {
                port(ports.get(p), where + ".ports[" + p + "]", problems).ifPresent(parsedPorts::add);
            }
            if (!ports.isEmpty() && parsedPorts.isEmpty()) {
                // Every port entry was invalid: allow nothing rather than every port.
                return new Rule(direction, index, List.of(), List.of());
            }
        }
        return new Rule(direction, index, parsedPeers, List.copyOf(parsedPorts));
    }

    private static java.util.Optional<Peer> peer(NetworkPolicyPeer peer, String where, List<String> problems) {
        IPBlock block = peer.getIpBlock();
        if (block != null) {
            if (peer.getPodSelector() != null || peer.getNamespaceSelector() != null) {
                problems.add(where + ": ipBlock cannot be combined with podSelector or namespaceSelector");
                return java.util.Optional.empty();
            }
            var cidr = IpSet.parse(block.getCidr());
            if (block.getCidr() == null || block.getCidr().indexOf('/') < 0 || cidr.isEmpty()) {
                problems.add(where + ": ipBlock.cidr '" + block.getCidr() + "' is not a valid CIDR");
                return java.util.Optional.empty();
            }
            IpSet addresses = cidr.get();
            List<String> except = block.getExcept() == null ? List.of() : List.copyOf(block.getExcept());
            for (String exception : except) {
                var excluded = IpSet.parse(exception);
                if (exception.indexOf('/') < 0 || excluded.isEmpty()) {
                    problems.add(where + ": ipBlock.except '" + exception + "' is not a valid CIDR");
                    continue;
                }
                if (!cidr.get().containsAll(excluded.get())) {
                    problems.add(where + ": ipBlock.except '" + exception + "' is not inside cidr '" + block.getCidr() + "'");
                }
                addresses = addresses.minus(excluded.get());
            }
            return java.util.Optional.of(new BlockPeer(block.getCidr(), except, addresses));
        }
        if (peer.getPodSelector() == null && peer.getNamespaceSelector() == null) {
            problems.add(where + ": a peer needs podSelector, namespaceSelector or ipBlock");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PodPeer(peer.getNamespaceSelector(), peer.getPodSelector()));
    }

    private static java.util.Optional<PortRule> port(NetworkPolicyPort port, String where, List<String> problems) {
        var protocol = Protocol.parse(port.getProtocol());
        if (protocol.isEmpty()) {
            problems.add(where + ": unknown protocol '" + port.getProtocol() + "'");
            return java.util.Optional.empty();
        }
        IntOrString value = port.getPort();
        Integer endPort = port.getEndPort();
        if (value == null) {
            if (endPort != null) {
                problems.add(where + ": endPort needs a numeric port");
            }
            return java.util.Optional.of(new PortRule(protocol.get(), null, null, null));
        }
        if (value.getStrVal() != null) {
            String name = value.getStrVal();
            if (endPort != null) {
                problems.add(where + ": endPort cannot be used with the named port '" + name + "'");
                return java.util.Optional.empty();
            }
            if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                return java.util.Optional.of(new PortRule(protocol.get(), Integer.parseInt(name), null, null));
            }
            return java.util.Optional.of(new PortRule(protocol.get(), null, name, null));
        }
        int number = value.getIntVal() == null ? 0 : value.getIntVal();
        if (number < PortSet.MIN || number > PortSet.MAX) {
            problems.add(where + ": port " + number + " is outside 1-65535");
            return java.util.Optional.empty();
        }
        if (endPort != null && (endPort < number || endPort > PortSet.MAX)) {
            problems.add(where + ": endPort " + endPort + " must be between port " + number + " and 65535");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PortRule(protocol.get(), number, null, endPort));
    }
}
