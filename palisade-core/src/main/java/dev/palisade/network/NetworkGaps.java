package dev.palisade.network;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.network.ParsedPolicy.PodPeer;
import dev.palisade.network.ParsedPolicy.Rule;
import dev.palisade.network.Reachability.PodClass;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Check;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Isolation gaps the network engine sees in the NetworkPolicies themselves: namespaces with policies but without a
 * default deny,
 * policies that select no pod, allow everything, isolate one direction only, name peers no pod matches, or are
 * invalid. (Workloads left unprotected, and egress to the metadata endpoint or the kubelet, are policies of the
 * pack: {@code workload-no-ingress-network-policy} and the like.)
 */
public final class NetworkGaps implements Analysis {

    private static final List<String> CATEGORIES = List.of("Network");

    static final Check NO_DEFAULT_DENY = new Check("network-namespace-without-default-deny",
            "Namespace without a default-deny NetworkPolicy", Severity.MEDIUM,
            "Add a policy with podSelector {} and policyTypes [Ingress, Egress] and no rules, then allow only the"
            + " traffic each workload needs (DNS included): new workloads are then isolated from their first pod.",
            CATEGORIES, Map.of("kubescape", "C-0030"));
    static final Check SELECTS_NOTHING = new Check("network-policy-selects-nothing",
            "NetworkPolicy selects no pod", Severity.LOW,
            "Fix the podSelector to the labels the pods carry, or delete the policy: it protects nothing.",
            CATEGORIES, Map.of("kube-score", "networkpolicy-targets-pod", "kubescape", "C-0299"));
    static final Check ALLOWS_ALL = new Check("network-policy-allows-all", "NetworkPolicy rule allows everything",
            Severity.MEDIUM, "Name the peers (pod and namespace selectors, ipBlocks) and ports the pods need; a rule"
            + " without from/to and ports undoes the isolation the policy creates.", CATEGORIES, Map.of());
    static final Check ONE_DIRECTION = new Check("network-policy-one-direction",
            "NetworkPolicy isolates one direction only", Severity.LOW,
            "Isolate the other direction too (policyTypes [Ingress, Egress], or a namespace default deny): the pods"
            + " are otherwise free to connect anywhere, or to be reached from anywhere.", CATEGORIES, Map.of());
    static final Check PEER_MATCHES_NOTHING = new Check("network-policy-peer-matches-nothing",
            "NetworkPolicy peer matches no pod", Severity.LOW,
            "Fix the selector to labels the intended pods and namespaces carry, or remove the peer: a typo here"
            + " silently blocks the traffic it meant to allow, and allows it to whoever later takes the labels.",
            CATEGORIES, Map.of());
    static final Check INVALID = new Check("network-policy-invalid", "NetworkPolicy is invalid", Severity.MEDIUM,
            "Correct the policy; the API server rejects it, so it is not in force (Palisade evaluates the valid rest).",
            CATEGORIES, Map.of());

    /** The ids of every check, sorted. */
    public static List<String> checkIds() {
        return java.util.stream.Stream.of(NO_DEFAULT_DENY, SELECTS_NOTHING, ALLOWS_ALL, ONE_DIRECTION,
                PEER_MATCHES_NOTHING, INVALID).map(Check::id).sorted().toList();
    }

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findingsSoFar) {
        Reachability reachability = Reachability.of(snapshot);
        NetworkModel model = reachability.model();
        List<Finding> findings = new ArrayList<>();
        defaultDeny(snapshot, config, model, findings);
        Map<String, List<NetworkModel.NetPod>> podsByNamespace = new java.util.HashMap<>();
        model.pods().forEach(p -> podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p));
        Set<ParsedPolicy> selectingNothing = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        selectingNothing.addAll(reachability.policiesSelectingNothing());
        for (ParsedPolicy policy : model.policies()) {
            KubeObject object = policy.object();
            policy.problems().forEach(problem -> INVALID.finding(config, object.ref(), object.source(), "spec",
                    "NetworkPolicy " + object.ref().namespace() + "/" + object.ref().name() + ": " + problem)
                    .ifPresent(findings::add));
            if (selectingNothing.contains(policy)) {
                SELECTS_NOTHING.finding(config, object.ref(), object.source(), "spec.podSelector",
                        "podSelector " + Describe.selector(policy.podSelector()) + " selects no pod in namespace "
                                + policy.namespace()).ifPresent(findings::add);
                continue; // what it allows or isolates applies to no pod
            }
            for (Direction direction : Direction.values()) {
                for (Rule rule : policy.rules(direction)) {
                    allowsAll(config, reachability, policy, rule, findings);
                    peersMatchingNothing(config, model, podsByNamespace, policy, rule, findings);
                }
            }
            oneDirection(config, reachability, policy, findings);
        }
        findings.sort(java.util.Comparator.comparing((Finding f) -> f.policy()).thenComparing(f -> f.resource().identity())
                .thenComparing(Finding::path));
        return new Result(findings, List.of());
    }

    private static void defaultDeny(Snapshot snapshot, ScanConfig config, NetworkModel model, List<Finding> findings) {
        Set<String> withWorkloads = new TreeSet<>();
        snapshot.workloads().stream().map(Workload::namespace).forEach(withWorkloads::add);
        for (String namespace : withWorkloads) {
            if (config.systemNamespaces().contains(namespace)
                    || model.policies().stream().noneMatch(p -> p.namespace().equals(namespace))) {
                continue; // no policy at all is the pack's namespace-without-network-policy
            }
            List<String> missing = new ArrayList<>();
            for (Direction direction : Direction.values()) {
                boolean denied = model.policies().stream().anyMatch(p -> p.namespace().equals(namespace)
                        && p.isolates(direction) && Describe.selectsAll(p.podSelector()));
                if (!denied) {
                    missing.add(direction == Direction.INGRESS ? "ingress" : "egress");
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            var object = snapshot.ofKind("Namespace").stream().filter(o -> o.ref().name().equals(namespace)).findFirst();
            var ref = object.map(KubeObject::ref).orElse(new dev.palisade.inventory.ObjectRef("v1", "Namespace", "", namespace));
            var location = object.map(KubeObject::source).orElse(snapshot.workloads().stream()
                    .filter(w -> w.namespace().equals(namespace)).findFirst().orElseThrow().source());
            NO_DEFAULT_DENY.finding(config, ref, location, "", "Namespace " + namespace + " has no NetworkPolicy"
                    + " selecting every pod for " + String.join(" and ", missing) + ": pods not selected by another"
                    + " policy, and every new workload, are open in that direction").ifPresent(findings::add);
        }
    }

    private static void allowsAll(ScanConfig config, Reachability reachability, ParsedPolicy policy, Rule rule,
                                  List<Finding> findings) {
        boolean everyPeer = rule.anyPeer() || reachability.coversEverything(policy, rule);
        Connections ports = Reachability.fixedPorts(rule);
        if (everyPeer && ports != null && ports.isAll()) {
            String field = rule.direction().field() + "[" + rule.index() + "]";
            ALLOWS_ALL.finding(config, policy.ref(), policy.object().source(), "spec." + field,
                    "rule " + field + " allows " + (rule.direction() == Direction.INGRESS ? "every source" : "every destination")
                            + " on every port, inside and outside the cluster").ifPresent(findings::add);
        }
    }

    private static void peersMatchingNothing(ScanConfig config, NetworkModel model,
                                             Map<String, List<NetworkModel.NetPod>> podsByNamespace,
                                             ParsedPolicy policy, Rule rule, List<Finding> findings) {
        if (rule.anyPeer()) {
            return;
        }
        for (int p = 0; p < rule.peers().size(); p++) {
            if (!(rule.peers().get(p) instanceof PodPeer peer)) {
                continue;
            }
            List<String> namespaces = peer.namespaceSelector() == null ? List.of(policy.namespace())
                    : model.namespaceLabels().entrySet().stream()
                    .filter(e -> dev.palisade.inventory.Selectors.matches(peer.namespaceSelector(), e.getValue()))
                    .map(Map.Entry::getKey).toList();
            boolean matches = namespaces.stream().flatMap(ns -> podsByNamespace.getOrDefault(ns, List.of()).stream())
                    .anyMatch(pod -> Describe.matches(model, policy, peer, pod));
            if (!matches) {
                String field = rule.direction().field() + "[" + rule.index() + "]."
                        + (rule.direction() == Direction.INGRESS ? "from" : "to") + "[" + p + "]";
                PEER_MATCHES_NOTHING.finding(config, policy.ref(), policy.object().source(), "spec." + field,
                        field + " (" + Describe.peer(peer, policy.namespace()) + ") matches no pod in the inventory")
                        .ifPresent(findings::add);
            }
        }
    }

    private static void oneDirection(ScanConfig config, Reachability reachability, ParsedPolicy policy,
                                     List<Finding> findings) {
        if (policy.isolatesIngress() == policy.isolatesEgress()) {
            return;
        }
        Direction other = policy.isolatesIngress() ? Direction.EGRESS : Direction.INGRESS;
        List<PodClass> open = reachability.classesIn(policy.namespace()).stream()
                .filter(c -> dev.palisade.inventory.Selectors.matches(policy.podSelector(), c.labels())
                        && !reachability.isolated(c, other)).toList();
        if (open.isEmpty()) {
            return; // another policy isolates the other direction
        }
        Set<String> workloads = new TreeSet<>();
        open.forEach(c -> c.pods().forEach(p -> workloads.add(p.workload().name())));
        ONE_DIRECTION.finding(config, policy.ref(), policy.object().source(), "spec.policyTypes",
                "isolates " + (other == Direction.EGRESS ? "ingress" : "egress") + " only; no policy isolates "
                        + other.field() + " for " + String.join(", ", workloads)).ifPresent(findings::add);
    }
}
