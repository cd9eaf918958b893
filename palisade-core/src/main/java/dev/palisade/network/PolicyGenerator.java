package dev.palisade.network;

import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.network.Endpoint.External;
import dev.palisade.network.Endpoint.WorkloadEndpoint;
import dev.palisade.network.ParsedPolicy.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Least-privilege NetworkPolicies from observed flows (docs/network.md, "generate"). Per namespace with workloads:
 * a default deny of ingress and egress, and DNS egress to kube-dns. Per workload: an ingress and an egress policy
 * allowing exactly its observed flows, one rule per peer; workload peers by namespace name and a
 * {@link PodSelection}, external addresses as /32 (/128) ipBlocks, ports by number. kube-dns workloads of the
 * inventory also accept DNS from every pod, so the DNS egress works once their namespace is isolated too.
 *
 * <p>The result is checked with the engine: the inventory evaluated with the generated policies in place of the
 * existing ones must allow exactly the observed flows plus DNS; {@link Result#deviations()} lists every path where
 * it does not (only where labels cannot tell workloads apart, an over-approximation the warnings explain).
 */
public final class PolicyGenerator {

    /** Where the cluster DNS runs, and how its pods are labelled (kube-dns and CoreDNS alike). */
    public static final String DNS_NAMESPACE = "kube-system";
    public static final Map<String, String> DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");
    public static final Connections DNS = Connections.of(Protocol.UDP, 53).union(Connections.of(Protocol.TCP, 53));

    /** The label every generated policy carries, to list or delete them together. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private static final String PREFIX = "palisade-";
    private static final int MAX_NAME = 253;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyGenerator() {
    }

    /**
     * @param policies   NetworkPolicy manifests, by namespace: default deny, DNS, then per workload (by name) ingress
     *                   and egress
     * @param warnings   workloads whose selectors also select other workloads, and why
     * @param deviations paths whose connections under the generated policies differ from the observed flows plus
     *                   DNS ({@code added}: allowed though never observed; {@code removed}: never, by construction)
     */
    public record Result(List<ObjectNode> policies, List<String> warnings, List<ReachabilityDiff.Change> deviations) {

        public Result {
            policies = List.copyOf(policies);
            warnings = List.copyOf(warnings);
            deviations = List.copyOf(deviations);
        }
    }

    public static Result generate(Snapshot snapshot, List<ObservedFlow> flows) {
        NetworkModel pods = NetworkModel.of(snapshot, List.of(), true);
        Map<ObjectRef, PodSelection> selections = PodSelection.forWorkloads(pods);
        Set<ObjectRef> dnsServers = new LinkedHashSet<>();
        pods.pods().stream().filter(p -> p.namespace().equals(DNS_NAMESPACE)
                && p.labels().entrySet().containsAll(DNS_POD_LABELS.entrySet())).forEach(p -> dnsServers.add(p.workload().ref()));
        Writing writing = new Writing(selections, dnsServers, peers(flows, true), peers(flows, false));
        selections.keySet().stream().sorted(Comparator.comparing(ObjectRef::name).thenComparing(ObjectRef::kind))
                .collect(Collectors.groupingBy(ObjectRef::namespace, TreeMap::new, Collectors.toList()))
                .forEach(writing::namespace);
        List<String> warnings = new ArrayList<>();
        for (ObjectRef workload : writing.selected) {
            List<ObjectRef> also = selections.get(workload).alsoSelects();
            if (!also.isEmpty()) {
                warnings.add(workload + ": no label selector leaves out the pods of "
                        + also.stream().map(ObjectRef::toString).collect(Collectors.joining(", "))
                        + " (their labels include all of its labels); its policies and the peers naming it cover"
                        + " them too, an over-approximation");
            }
        }
        List<ReachabilityDiff.Change> deviations = ReachabilityDiff.of(intended(flows, selections.keySet(), dnsServers),
                ConnectivityMap.of(Reachability.of(NetworkModel.of(snapshot, parse(writing.policies), true))));
        return new Result(writing.policies, warnings, deviations);
    }

    /** Per workload, its observed peers with their connections: sources of its ingress, or egress destinations. */
    private static Map<ObjectRef, Map<Endpoint, Connections>> peers(List<ObservedFlow> flows, boolean ingress) {
        Map<ObjectRef, Map<Endpoint, Connections>> peers = new HashMap<>();
        for (ObservedFlow flow : flows) {
            Endpoint subject = ingress ? flow.destination() : flow.source();
            if (subject instanceof WorkloadEndpoint workload) {
                peers.computeIfAbsent(workload.ref(), k -> new TreeMap<>())
                        .merge(ingress ? flow.source() : flow.destination(), flow.connections(), Connections::union);
            }
        }
        return peers;
    }

    /** The policies written so far, and the workloads whose selectors they use. */
    private static final class Writing {
        final Map<ObjectRef, PodSelection> selections;
        final Set<ObjectRef> dnsServers;
        final Map<ObjectRef, Map<Endpoint, Connections>> ingress;
        final Map<ObjectRef, Map<Endpoint, Connections>> egress;
        final List<ObjectNode> policies = new ArrayList<>();
        final Set<ObjectRef> selected = new LinkedHashSet<>();

        Writing(Map<ObjectRef, PodSelection> selections, Set<ObjectRef> dnsServers,
                Map<ObjectRef, Map<Endpoint, Connections>> ingress, Map<ObjectRef, Map<Endpoint, Connections>> egress) {
            this.selections = selections;
            this.dnsServers = dnsServers;
            this.ingress = ingress;
            this.egress = egress;
        }

        /** A namespace's default deny and DNS, then each workload's ingress and egress policies. */
        void namespace(String namespace, List<ObjectRef> workloads) {
            policies.add(defaultDeny(namespace));
            policies.add(dnsEgress(namespace));
            Map<String, Long> nameCounts = workloads.stream().collect(Collectors.groupingBy(ObjectRef::name, Collectors.counting()));
            for (ObjectRef workload : workloads) {
                String base = nameCounts.get(workload.name()) > 1 ? workload.name() + "-" + workload.kind() : workload.name();
                ArrayNode from = rules(ingress.getOrDefault(workload, Map.of()), "from");
                if (dnsServers.contains(workload)) {
                    ObjectNode everyPod = NODES.objectNode();
                    everyPod.putObject("namespaceSelector");
                    from.add(rule("from", everyPod, DNS));
                }
                ArrayNode to = rules(egress.getOrDefault(workload, Map.of()), "to");
                if (!from.isEmpty()) {
                    policies.add(policy(namespace, name(base, "ingress"), selector(workload), Direction.INGRESS, from));
                }
                if (!to.isEmpty()) {
                    policies.add(policy(namespace, name(base, "egress"), selector(workload), Direction.EGRESS, to));
                }
            }
        }

        /** One rule per peer, in peer order. */
        private ArrayNode rules(Map<Endpoint, Connections> peers, String field) {
            ArrayNode rules = NODES.arrayNode();
            peers.forEach((peer, connections) -> rules.add(rule(field, peer(peer), connections)));
            return rules;
        }

        private ObjectNode peer(Endpoint endpoint) {
            ObjectNode peer = NODES.objectNode();
            if (endpoint instanceof External external) {
                peer.putObject("ipBlock").put("cidr", external.range().cidrs().get(0));
            } else {
                ObjectRef workload = ((WorkloadEndpoint) endpoint).ref();
                peer.putObject("namespaceSelector")
                        .set("matchLabels", labels(Map.of(NetworkModel.NAMESPACE_NAME_LABEL, workload.namespace())));
                peer.set("podSelector", selector(workload));
            }
            return peer;
        }

        private ObjectNode selector(ObjectRef workload) {
            selected.add(workload);
            PodSelection selection = selections.get(workload);
            ObjectNode selector = NODES.objectNode();
            if (!selection.matchLabels().isEmpty()) {
                selector.set("matchLabels", labels(selection.matchLabels()));
            }
            if (!selection.absentKeys().isEmpty()) {
                ArrayNode expressions = selector.putArray("matchExpressions");
                selection.absentKeys().forEach(key -> expressions.addObject().put("key", key).put("operator", "DoesNotExist"));
            }
            return selector;
        }
    }

    /** The observed flows plus DNS from every workload to every kube-dns workload, as a connectivity map has them. */
    private static List<Flow> intended(List<ObservedFlow> flows, Set<ObjectRef> workloads, Set<ObjectRef> dnsServers) {
        Map<List<Endpoint>, Connections> paths = new LinkedHashMap<>();
        for (ObservedFlow flow : flows) {
            if (!flow.source().equals(flow.destination())) { // a map has no path from a workload to itself
                paths.merge(List.of(flow.source(), flow.destination()), flow.connections(), Connections::union);
            }
        }
        for (ObjectRef workload : workloads) {
            for (ObjectRef server : dnsServers) {
                if (!workload.equals(server)) {
                    paths.merge(List.of(new WorkloadEndpoint(workload), new WorkloadEndpoint(server)), DNS, Connections::union);
                }
            }
        }
        List<Flow> intended = new ArrayList<>();
        paths.forEach((pair, connections) -> intended.add(new Flow(pair.get(0), pair.get(1), connections)));
        return intended;
    }

    /** The generated manifests as the engine reads them; they are ours, so a problem is a bug. */
    private static List<ParsedPolicy> parse(List<ObjectNode> policies) {
        List<ParsedPolicy> parsed = new ArrayList<>();
        for (ObjectNode policy : policies) {
            InventoryBuilder.Converted converted = InventoryBuilder.convert(
                    new RawDocument(SourceLocation.file("generated"), policy.deepCopy()));
            KubeObject object = converted.object();
            ParsedPolicy result = object == null ? null : ParsedPolicy.of(object);
            if (result == null || !result.problems().isEmpty()) {
                throw new IllegalStateException("generated an invalid NetworkPolicy: "
                        + (result == null ? converted.problem() : result.problems()));
            }
            parsed.add(result);
        }
        return parsed;
    }

    private static ObjectNode defaultDeny(String namespace) {
        return policy(namespace, PREFIX + "default-deny", NODES.objectNode(), Direction.INGRESS, Direction.EGRESS);
    }

    private static ObjectNode dnsEgress(String namespace) {
        ObjectNode peer = NODES.objectNode();
        peer.putObject("namespaceSelector").set("matchLabels", labels(Map.of(NetworkModel.NAMESPACE_NAME_LABEL, DNS_NAMESPACE)));
        peer.putObject("podSelector").set("matchLabels", labels(DNS_POD_LABELS));
        ArrayNode rules = NODES.arrayNode();
        rules.add(rule("to", peer, DNS));
        return policy(namespace, PREFIX + "dns", NODES.objectNode(), Direction.EGRESS, rules);
    }

    /** A policy of one type with its rules. */
    private static ObjectNode policy(String namespace, String name, ObjectNode podSelector, Direction direction,
                                     ArrayNode rules) {
        ObjectNode policy = policy(namespace, name, podSelector, direction);
        ((ObjectNode) policy.get("spec")).set(direction.field(), rules);
        return policy;
    }

    /** A policy isolating the selected pods in the given directions, without rules. */
    private static ObjectNode policy(String namespace, String name, ObjectNode podSelector, Direction... isolated) {
        ObjectNode policy = NODES.objectNode();
        policy.put("apiVersion", "networking.k8s.io/v1");
        policy.put("kind", "NetworkPolicy");
        ObjectNode metadata = policy.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.putObject("labels").put(MANAGED_BY, "palisade");
        ObjectNode spec = policy.putObject("spec");
        spec.set("podSelector", podSelector);
        ArrayNode types = spec.putArray("policyTypes");
        for (Direction direction : isolated) {
            types.add(direction == Direction.INGRESS ? "Ingress" : "Egress");
        }
        return policy;
    }

    private static ObjectNode rule(String field, ObjectNode peer, Connections connections) {
        ObjectNode rule = NODES.objectNode();
        rule.putArray(field).add(peer);
        ArrayNode ports = rule.putArray("ports");
        connections.byProtocol().forEach((protocol, set) -> {
            for (int[] range : set.ranges()) {
                ObjectNode port = ports.addObject().put("protocol", protocol.name()).put("port", range[0]);
                if (range[1] > range[0]) {
                    port.put("endPort", range[1]);
                }
            }
        });
        return rule;
    }

    private static ObjectNode labels(Map<String, String> labels) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(labels).forEach(node::put);
        return node;
    }

    /**
     * {@code palisade-<base>-<suffix>}: lower case, characters a DNS-1123 subdomain allows, at most 253 characters
     * (a long base is cut and a hash of it keeps the name unique).
     */
    static String name(String base, String suffix) {
        String clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        String name = PREFIX + clean + "-" + suffix;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String hash = String.format(Locale.ROOT, "%08x", clean.hashCode());
        int room = MAX_NAME - PREFIX.length() - hash.length() - suffix.length() - 2;
        String kept = clean.substring(0, room).replaceAll("[-.]+$", "");
        return PREFIX + kept + "-" + hash + "-" + suffix;
    }
}
