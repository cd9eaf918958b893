package dev.palisade.network;

import dev.palisade.inventory.Selectors;
import dev.palisade.inventory.Workload;
import dev.palisade.network.NetworkModel.NetPod;
import dev.palisade.network.ParsedPolicy.BlockPeer;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.network.ParsedPolicy.NamedPort;
import dev.palisade.network.ParsedPolicy.Peer;
import dev.palisade.network.ParsedPolicy.PodPeer;
import dev.palisade.network.ParsedPolicy.PortRule;
import dev.palisade.network.ParsedPolicy.Rule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which connections NetworkPolicies allow, with networking.k8s.io/v1 semantics: a pod is isolated in a
 * direction when a policy of its namespace selects it with that policy type; an isolated pod allows the union
 * of its selecting policies' rules in that direction; a connection needs egress allowed at the source and
 * ingress allowed at the destination.
 *
 * <p>Pods are grouped into classes (same namespace, labels, named ports and ipBlock memberships), which no
 * selector or rule can tell apart. Classes are grouped again into source and destination signatures: the
 * rules that apply to them and the rule peers they belong to. Allowed connections are computed once per
 * (source signature, destination signature) that a rule can connect, so the cost follows the number of
 * distinct behaviours and the size of the answer, not the number of pod pairs.
 */
public final class Reachability {

    /** Pods no selector, rule or named port can tell apart. */
    public record PodClass(int id, String namespace, Map<String, String> labels,
                           Map<String, List<NamedPort>> namedPorts, List<NetPod> pods) {
    }

    /**
     * A rule with the classes and external ranges its peers cover. Rules with the same peer classes share one
     * peer set ({@code peerSet} indexes {@link #peerSets}): a policy repeated in every namespace with
     * {@code namespaceSelector: {}} is one set, not thousands.
     */
    record RuleRef(int id, ParsedPolicy policy, Rule rule, int peerSet, BitSet peerClasses, BitSet peerAtoms,
                   Connections fixedPorts) {

        boolean hasNamedPorts() {
            return fixedPorts == null;
        }
    }

    private final NetworkModel model;
    private final List<PodClass> classes = new ArrayList<>();
    private final Map<NetPod, Integer> classOfPod = new IdentityHashMap<>();
    private final List<IpSet> blocks = new ArrayList<>();
    private final List<RuleRef> ingressRules = new ArrayList<>();
    private final List<RuleRef> egressRules = new ArrayList<>();
    private final List<IpSet> sourceAtoms;
    private final List<IpSet> destinationAtoms;
    private final boolean[] ingressIsolated;
    private final boolean[] egressIsolated;
    private final int[][] ingressRulesOf;
    private final int[][] egressRulesOf;
    private final List<List<ParsedPolicy>> ingressPoliciesOf;
    private final List<List<ParsedPolicy>> egressPoliciesOf;
    private final List<ParsedPolicy> selectingNothing = new ArrayList<>();
    private final Map<String, List<Integer>> classesByNamespace;
    private final List<BitSet> peerSets = new ArrayList<>();
    private final Map<BitSet, Integer> peerSetIds = new HashMap<>();
    private final Map<Object, BitSet> peerCache = new HashMap<>();

    // Signatures (filled by signatures()).
    private int[] sourceSignatureOf;
    private int[] destinationSignatureOf;
    private int[] sourceRepresentative;
    private int[] destinationRepresentative;
    private BitSet[] destinationEgressMembership;
    private int peerSetCount;

    private Reachability(NetworkModel model) {
        this.model = model;
        classesByNamespace = buildClasses();
        int n = classes.size();
        ingressIsolated = new boolean[n];
        egressIsolated = new boolean[n];
        List<List<Integer>> ingressOf = new ArrayList<>();
        List<List<Integer>> egressOf = new ArrayList<>();
        ingressPoliciesOf = new ArrayList<>();
        egressPoliciesOf = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ingressOf.add(new ArrayList<>());
            egressOf.add(new ArrayList<>());
            ingressPoliciesOf.add(new ArrayList<>());
            egressPoliciesOf.add(new ArrayList<>());
        }
        Map<LabelSelector, List<String>> namespaceMatches = new HashMap<>();
        List<IpSet> sourceBlocks = new ArrayList<>();
        List<IpSet> destinationBlocks = new ArrayList<>();
        for (ParsedPolicy policy : model.policies()) {
            BitSet selected = new BitSet(n);
            for (int c : classesByNamespace.getOrDefault(policy.namespace(), List.of())) {
                if (Selectors.matches(policy.podSelector(), classes.get(c).labels())) {
                    selected.set(c);
                }
            }
            if (selected.isEmpty()) {
                selectingNothing.add(policy);
            }
            for (Direction direction : Direction.values()) {
                if (!policy.isolates(direction)) {
                    continue;
                }
                List<RuleRef> refs = direction == Direction.INGRESS ? ingressRules : egressRules;
                List<Integer> ruleIds = new ArrayList<>();
                for (Rule rule : policy.rules(direction)) {
                    BitSet peers = peerClasses(policy, rule, classesByNamespace, namespaceMatches);
                    int peerSet = peerSetIds.computeIfAbsent(peers, k -> {
                        peerSets.add(k);
                        return peerSets.size() - 1;
                    });
                    RuleRef ref = new RuleRef(refs.size(), policy, rule, peerSet, peerSets.get(peerSet), new BitSet(),
                            fixedPorts(rule));
                    refs.add(ref);
                    ruleIds.add(ref.id());
                    if (rule.peers() != null) {
                        for (Peer peer : rule.peers()) {
                            if (peer instanceof BlockPeer block) {
                                (direction == Direction.INGRESS ? sourceBlocks : destinationBlocks).add(block.addresses());
                            }
                        }
                    }
                }
                boolean[] isolated = direction == Direction.INGRESS ? ingressIsolated : egressIsolated;
                List<List<Integer>> rulesOf = direction == Direction.INGRESS ? ingressOf : egressOf;
                List<List<ParsedPolicy>> policiesOf = direction == Direction.INGRESS ? ingressPoliciesOf : egressPoliciesOf;
                for (int c = selected.nextSetBit(0); c >= 0; c = selected.nextSetBit(c + 1)) {
                    isolated[c] = true;
                    rulesOf.get(c).addAll(ruleIds);
                    policiesOf.get(c).add(policy);
                }
            }
        }
        ingressRulesOf = toArrays(ingressOf);
        egressRulesOf = toArrays(egressOf);
        sourceAtoms = atoms(sourceBlocks);
        destinationAtoms = atoms(destinationBlocks);
        ingressRules.forEach(r -> fillAtoms(r, sourceAtoms));
        egressRules.forEach(r -> fillAtoms(r, destinationAtoms));
    }

    /** Computes the classes, rules and external ranges of a model. */
    public static Reachability of(NetworkModel model) {
        return new Reachability(model);
    }

    /** Snapshots are immutable, so every analysis of a scan can share one evaluation of its policies. */
    private static final Map<dev.palisade.inventory.Snapshot, Reachability> BY_SNAPSHOT =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The snapshot's own policies evaluated with Kubernetes' semantics; computed once per snapshot. */
    public static Reachability of(dev.palisade.inventory.Snapshot snapshot) {
        return BY_SNAPSHOT.computeIfAbsent(snapshot, s -> new Reachability(NetworkModel.of(s)));
    }

    public NetworkModel model() {
        return model;
    }

    public List<PodClass> classes() {
        return List.copyOf(classes);
    }

    private volatile Map<Workload, Set<PodClass>> classesByWorkload;

    /**
     * The pod classes of each workload, computed once (the risk, exposure, overview and policy fields all ask).
     * By identity: Workload records hash their whole pod spec.
     */
    Map<Workload, Set<PodClass>> classesByWorkload() {
        Map<Workload, Set<PodClass>> result = classesByWorkload;
        if (result == null) {
            Map<Workload, Set<PodClass>> built = new IdentityHashMap<>();
            for (PodClass podClass : classes) {
                for (NetPod pod : podClass.pods()) {
                    built.computeIfAbsent(pod.workload(), w -> new java.util.LinkedHashSet<>()).add(podClass);
                }
            }
            result = java.util.Collections.unmodifiableMap(built);
            classesByWorkload = result;
        }
        return result;
    }

    /** The classes of one namespace. */
    public List<PodClass> classesIn(String namespace) {
        return classesByNamespace.getOrDefault(namespace, List.of()).stream().map(classes::get).toList();
    }

    public PodClass classOf(NetPod pod) {
        return classes.get(classOfPod.get(pod));
    }

    /** Policies that select no pod at all. */
    public List<ParsedPolicy> policiesSelectingNothing() {
        return List.copyOf(selectingNothing);
    }

    public boolean isolated(PodClass podClass, Direction direction) {
        return (direction == Direction.INGRESS ? ingressIsolated : egressIsolated)[podClass.id()];
    }

    /** The policies that select a class and isolate it in a direction. */
    public List<ParsedPolicy> policiesSelecting(PodClass podClass, Direction direction) {
        return List.copyOf((direction == Direction.INGRESS ? ingressPoliciesOf : egressPoliciesOf).get(podClass.id()));
    }

    /** Whether a rule's peers cover every pod class and every external range. */
    boolean coversEverything(ParsedPolicy policy, Rule rule) {
        boolean ingress = rule.direction() == Direction.INGRESS;
        int atoms = (ingress ? sourceAtoms : destinationAtoms).size();
        return (ingress ? ingressRules : egressRules).stream().filter(r -> r.rule() == rule && r.policy() == policy)
                .anyMatch(r -> r.peerClasses().cardinality() == classes.size() && r.peerAtoms().cardinality() == atoms);
    }

    /** External address ranges as sources: the whole address space split at every ingress ipBlock boundary. */
    public List<IpSet> sourceAtoms() {
        return sourceAtoms;
    }

    /** External address ranges as destinations, split at every egress ipBlock boundary. */
    public List<IpSet> destinationAtoms() {
        return destinationAtoms;
    }

    // ---- evaluation ----

    /** Connections allowed from pods of one class to pods of another. */
    public Connections between(PodClass source, PodClass destination) {
        return egress(source.id(), destination).intersect(ingress(source.id(), destination));
    }

    /** What the destination's ingress side allows from a source class. */
    Connections ingress(int source, PodClass destination) {
        if (!ingressIsolated[destination.id()]) {
            return Connections.ALL;
        }
        Connections allowed = Connections.NONE;
        for (int r : ingressRulesOf[destination.id()]) {
            RuleRef rule = ingressRules.get(r);
            if (rule.peerClasses().get(source)) {
                allowed = allowed.union(portsAt(rule, destination));
            }
        }
        return allowed;
    }

    /** What the source's egress side allows towards a destination class. */
    Connections egress(int source, PodClass destination) {
        if (!egressIsolated[source]) {
            return Connections.ALL;
        }
        Connections allowed = Connections.NONE;
        for (int r : egressRulesOf[source]) {
            RuleRef rule = egressRules.get(r);
            if (rule.peerClasses().get(destination.id())) {
                allowed = allowed.union(portsAt(rule, destination));
            }
        }
        return allowed;
    }

    /**
     * Whether the destination's ingress side admits some pod of another namespace on a port: for traffic from
     * pods the inventory does not identify (an ingress controller outside it), whose own egress is unknown.
     */
    public boolean admitsFromOtherNamespace(PodClass destination, Protocol protocol, int port) {
        if (!ingressIsolated[destination.id()]) {
            return true;
        }
        for (int r : ingressRulesOf[destination.id()]) {
            RuleRef rule = ingressRules.get(r);
            if (!portsAt(rule, destination).allows(protocol, port)) {
                continue;
            }
            BitSet peers = rule.peerClasses();
            for (int c = peers.nextSetBit(0); c >= 0; c = peers.nextSetBit(c + 1)) {
                if (!classes.get(c).namespace().equals(destination.namespace())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Connections allowed from an external range (one of {@link #sourceAtoms()}) into a class. */
    public Connections fromExternal(int atom, PodClass destination) {
        if (!ingressIsolated[destination.id()]) {
            return Connections.ALL;
        }
        Connections allowed = Connections.NONE;
        for (int r : ingressRulesOf[destination.id()]) {
            RuleRef rule = ingressRules.get(r);
            if (rule.peerAtoms().get(atom)) {
                allowed = allowed.union(portsAt(rule, destination));
            }
        }
        return allowed;
    }

    /** Connections allowed from a class to an external range (one of {@link #destinationAtoms()}). */
    public Connections toExternal(PodClass source, int atom) {
        if (!egressIsolated[source.id()]) {
            return Connections.ALL;
        }
        Connections allowed = Connections.NONE;
        for (int r : egressRulesOf[source.id()]) {
            RuleRef rule = egressRules.get(r);
            if (rule.peerAtoms().get(atom)) {
                allowed = allowed.union(portsAt(rule, null)); // named ports never resolve for an IP
            }
        }
        return allowed;
    }

    /**
     * The rules of a subject class (its ingress rules when it is the destination, its egress rules when it is the
     * source) whose peers match and whose ports towards the destination are not empty; for explanations.
     */
    List<RuleRef> rulesAllowing(Direction direction, int subject, java.util.function.Predicate<RuleRef> peerMatches,
                                PodClass destination) {
        List<RuleRef> result = new ArrayList<>();
        List<RuleRef> rules = direction == Direction.INGRESS ? ingressRules : egressRules;
        for (int r : direction == Direction.INGRESS ? ingressRulesOf[subject] : egressRulesOf[subject]) {
            RuleRef rule = rules.get(r);
            if (peerMatches.test(rule) && !portsAt(rule, destination).isEmpty()) {
                result.add(rule);
            }
        }
        return result;
    }

    static Connections portsAt(RuleRef rule, PodClass destination) {
        if (!rule.hasNamedPorts()) {
            return rule.fixedPorts();
        }
        Map<String, List<NamedPort>> named = destination == null ? Map.of() : destination.namedPorts();
        Connections result = Connections.NONE;
        for (PortRule port : rule.rule().ports()) {
            result = result.union(port.resolve(named));
        }
        return result;
    }

    /** The ports a rule allows when it names no port by name (null when it does: they depend on the pod). */
    static Connections fixedPorts(Rule rule) {
        if (rule.ports().isEmpty()) {
            return rule.peers() != null && rule.peers().isEmpty() ? Connections.NONE : Connections.ALL;
        }
        Connections result = Connections.NONE;
        for (PortRule port : rule.ports()) {
            if (port.name() != null) {
                return null;
            }
            result = result.union(port.resolve(Map.of()));
        }
        return result;
    }

    // ---- construction ----

    private record ClassKey(String namespace, Map<String, String> labels, Map<String, List<NamedPort>> namedPorts,
                            BitSet blocks) {
    }

    private Map<String, List<Integer>> buildClasses() {
        if (model.ipBlocksSelectPods()) {
            LinkedHashMap<IpSet, Boolean> distinct = new LinkedHashMap<>();
            for (ParsedPolicy policy : model.policies()) {
                for (Rule rule : concat(policy.ingress(), policy.egress())) {
                    if (rule.peers() != null) {
                        rule.peers().stream().filter(BlockPeer.class::isInstance)
                                .forEach(p -> distinct.put(((BlockPeer) p).addresses(), true));
                    }
                }
            }
            blocks.addAll(distinct.keySet());
        }
        Map<ClassKey, Integer> ids = new HashMap<>();
        Map<String, List<Integer>> byNamespace = new HashMap<>();
        List<List<NetPod>> members = new ArrayList<>();
        for (NetPod pod : model.pods()) {
            BitSet inBlocks = new BitSet();
            for (int b = 0; b < blocks.size(); b++) {
                for (BigInteger ip : pod.ips()) {
                    if (blocks.get(b).contains(ip)) {
                        inBlocks.set(b);
                    }
                }
            }
            ClassKey key = new ClassKey(pod.namespace(), pod.labels(), pod.namedPorts(), inBlocks);
            Integer id = ids.get(key);
            if (id == null) {
                id = members.size();
                ids.put(key, id);
                members.add(new ArrayList<>());
                classes.add(null);
                byNamespace.computeIfAbsent(pod.namespace(), k -> new ArrayList<>()).add(id);
            }
            members.get(id).add(pod);
            classOfPod.put(pod, id);
        }
        ids.forEach((key, id) -> classes.set(id, new PodClass(id, key.namespace(), key.labels(), key.namedPorts(),
                List.copyOf(members.get(id)))));
        classBlocks = new BitSet[classes.size()];
        ids.forEach((key, id) -> classBlocks[id] = key.blocks());
        return byNamespace;
    }

    private BitSet[] classBlocks;

    private BitSet peerClasses(ParsedPolicy policy, Rule rule, Map<String, List<Integer>> classesByNamespace,
                               Map<LabelSelector, List<String>> namespaceMatches) {
        if (rule.anyPeer()) {
            return peerCache.computeIfAbsent("any", k -> {
                BitSet all = new BitSet(classes.size());
                all.set(0, classes.size());
                return all;
            });
        }
        if (rule.peers().size() == 1) {
            return peerClasses(policy, rule.peers().get(0), classesByNamespace, namespaceMatches);
        }
        BitSet peers = new BitSet(classes.size());
        for (Peer peer : rule.peers()) {
            peers.or(peerClasses(policy, peer, classesByNamespace, namespaceMatches));
        }
        return peers;
    }

    /** The classes one peer covers; cached, as the same peer appears in many policies. Never mutate the result. */
    private BitSet peerClasses(ParsedPolicy policy, Peer peer, Map<String, List<Integer>> classesByNamespace,
                               Map<LabelSelector, List<String>> namespaceMatches) {
        if (peer instanceof BlockPeer block) {
            return peerCache.computeIfAbsent(block.addresses(), k -> {
                BitSet peers = new BitSet(classes.size());
                int index = blocks.indexOf(block.addresses());
                for (int c = 0; index >= 0 && c < classes.size(); c++) {
                    if (classBlocks[c].get(index)) {
                        peers.set(c);
                    }
                }
                return peers;
            });
        }
        PodPeer pods = (PodPeer) peer;
        Object namespaceKey = pods.namespaceSelector() == null ? "namespace:" + policy.namespace() : pods.namespaceSelector();
        return peerCache.computeIfAbsent(List.of(namespaceKey, pods.podSelector() == null ? "all" : pods.podSelector()), k -> {
            BitSet peers = new BitSet(classes.size());
            List<String> namespaces = pods.namespaceSelector() == null ? List.of(policy.namespace())
                    : namespaceMatches.computeIfAbsent(pods.namespaceSelector(), selector ->
                    model.namespaceLabels().entrySet().stream()
                            .filter(e -> Selectors.matches(selector, e.getValue())).map(Map.Entry::getKey).toList());
            for (String namespace : namespaces) {
                for (int c : classesByNamespace.getOrDefault(namespace, List.of())) {
                    if (pods.podSelector() == null || Selectors.matches(pods.podSelector(), classes.get(c).labels())) {
                        peers.set(c);
                    }
                }
            }
            return peers;
        });
    }

    private List<IpSet> atoms(List<IpSet> blockSets) {
        IpSet universe = IpSet.ALL_V4;
        boolean v6 = blockSets.stream().anyMatch(b -> b.overlaps(IpSet.ALL_V6))
                || model.pods().stream().flatMap(p -> p.ips().stream()).anyMatch(IpSet.ALL_V6::contains);
        if (v6) {
            universe = universe.union(IpSet.ALL_V6);
        }
        List<IpSet> atoms = new ArrayList<>(List.of(universe));
        for (IpSet block : new java.util.LinkedHashSet<>(blockSets)) {
            List<IpSet> refined = new ArrayList<>();
            for (IpSet atom : atoms) {
                IpSet inside = atom.intersect(block);
                IpSet outside = atom.minus(block);
                if (!inside.isEmpty()) {
                    refined.add(inside);
                }
                if (!outside.isEmpty()) {
                    refined.add(outside);
                }
            }
            atoms = refined;
        }
        return List.copyOf(atoms);
    }

    private static void fillAtoms(RuleRef rule, List<IpSet> atoms) {
        for (int a = 0; a < atoms.size(); a++) {
            if (rule.rule().anyPeer()) {
                rule.peerAtoms().set(a);
                continue;
            }
            for (Peer peer : rule.rule().peers()) {
                if (peer instanceof BlockPeer block && block.addresses().containsAll(atoms.get(a))) {
                    rule.peerAtoms().set(a);
                }
            }
        }
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] arrays = new int[lists.size()][];
        for (int i = 0; i < lists.size(); i++) {
            arrays[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return arrays;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- all pairs, by signature ----

    /** Receives one allowed connection between classes (never an empty set). */
    @FunctionalInterface
    public interface ClassPairConsumer {
        void accept(int sourceSignature, int destinationSignature, Connections connections);
    }

    private record IntsKey(boolean isolated, int[] rules, int[] membership, Object extra) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntsKey k && isolated == k.isolated && Arrays.equals(rules, k.rules)
                    && Arrays.equals(membership, k.membership) && java.util.Objects.equals(extra, k.extra);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(rules) * 31 + Arrays.hashCode(membership)) * 31
                    + java.util.Objects.hashCode(extra) + (isolated ? 1 : 0);
        }
    }

    private void signatures() {
        if (sourceSignatureOf != null) {
            return;
        }
        int n = classes.size();
        int[][] ingressMembership = membership(ingressRules, n);
        int[][] egressMembership = membership(egressRules, n);
        peerSetCount = peerSets.size();
        sourceSignatureOf = new int[n];
        destinationSignatureOf = new int[n];
        Map<IntsKey, Integer> sources = new HashMap<>();
        Map<IntsKey, Integer> destinations = new HashMap<>();
        List<Integer> sourceReps = new ArrayList<>();
        List<Integer> destinationReps = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            IntsKey source = new IntsKey(egressIsolated[c], egressRulesOf[c], ingressMembership[c], null);
            final int cls = c;
            sourceSignatureOf[c] = sources.computeIfAbsent(source, k -> {
                sourceReps.add(cls);
                return sourceReps.size() - 1;
            });
            IntsKey destination = new IntsKey(ingressIsolated[c], ingressRulesOf[c], egressMembership[c],
                    classes.get(c).namedPorts());
            destinationSignatureOf[c] = destinations.computeIfAbsent(destination, k -> {
                destinationReps.add(cls);
                return destinationReps.size() - 1;
            });
        }
        sourceRepresentative = sourceReps.stream().mapToInt(Integer::intValue).toArray();
        destinationRepresentative = destinationReps.stream().mapToInt(Integer::intValue).toArray();
        destinationEgressMembership = new BitSet[destinationRepresentative.length];
        for (int d = 0; d < destinationRepresentative.length; d++) {
            BitSet bits = new BitSet(peerSetCount);
            for (int set : egressMembership[destinationRepresentative[d]]) {
                bits.set(set);
            }
            destinationEgressMembership[d] = bits;
        }
    }

    /** Per class, the peer sets (of the given rules) that contain it, in increasing order. */
    private int[][] membership(List<RuleRef> rules, int classCount) {
        BitSet used = new BitSet(peerSets.size());
        rules.forEach(rule -> used.set(rule.peerSet()));
        int[] counts = new int[classCount];
        for (int set = used.nextSetBit(0); set >= 0; set = used.nextSetBit(set + 1)) {
            BitSet peers = peerSets.get(set);
            for (int c = peers.nextSetBit(0); c >= 0; c = peers.nextSetBit(c + 1)) {
                counts[c]++;
            }
        }
        int[][] result = new int[classCount][];
        for (int c = 0; c < classCount; c++) {
            result[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int set = used.nextSetBit(0); set >= 0; set = used.nextSetBit(set + 1)) {
            BitSet peers = peerSets.get(set);
            for (int c = peers.nextSetBit(0); c >= 0; c = peers.nextSetBit(c + 1)) {
                result[c][counts[c]++] = set;
            }
        }
        return result;
    }

    public int sourceSignature(PodClass podClass) {
        signatures();
        return sourceSignatureOf[podClass.id()];
    }

    public int destinationSignature(PodClass podClass) {
        signatures();
        return destinationSignatureOf[podClass.id()];
    }

    public int sourceSignatureCount() {
        signatures();
        return sourceRepresentative.length;
    }

    public int destinationSignatureCount() {
        signatures();
        return destinationRepresentative.length;
    }

    /**
     * Every allowed (source signature, destination signature) pair with its connections. Work is done per
     * destination signature: its ingress rules name the candidate sources (every source when it is not isolated).
     */
    public void forEachSignaturePair(ClassPairConsumer consumer) {
        signatures();
        int sourceCount = sourceRepresentative.length;
        BitSet[] setSources = new BitSet[peerSets.size()];
        for (RuleRef rule : ingressRules) {
            if (setSources[rule.peerSet()] != null) {
                continue;
            }
            BitSet bits = new BitSet(sourceCount);
            BitSet peers = rule.peerClasses();
            for (int c = peers.nextSetBit(0); c >= 0; c = peers.nextSetBit(c + 1)) {
                bits.set(sourceSignatureOf[c]);
            }
            setSources[rule.peerSet()] = bits;
        }
        Connections[] ingressBySource = new Connections[sourceCount];
        BitSet candidates = new BitSet(sourceCount);
        for (int d = 0; d < destinationRepresentative.length; d++) {
            PodClass destination = classes.get(destinationRepresentative[d]);
            boolean open = !ingressIsolated[destination.id()];
            candidates.clear();
            if (open) {
                candidates.set(0, sourceCount);
            } else {
                for (int r : ingressRulesOf[destination.id()]) {
                    Connections ports = portsAt(ingressRules.get(r), destination);
                    if (ports.isEmpty()) {
                        continue;
                    }
                    BitSet sources = setSources[ingressRules.get(r).peerSet()];
                    for (int s = sources.nextSetBit(0); s >= 0; s = sources.nextSetBit(s + 1)) {
                        ingressBySource[s] = candidates.get(s) ? ingressBySource[s].union(ports) : ports;
                        candidates.set(s);
                    }
                }
            }
            BitSet egressMembers = destinationEgressMembership[d];
            for (int s = candidates.nextSetBit(0); s >= 0; s = candidates.nextSetBit(s + 1)) {
                int source = sourceRepresentative[s];
                Connections allowed = open ? Connections.ALL : ingressBySource[s];
                if (egressIsolated[source]) {
                    Connections egress = Connections.NONE;
                    for (int r : egressRulesOf[source]) {
                        if (egressMembers.get(egressRules.get(r).peerSet())) {
                            egress = egress.union(portsAt(egressRules.get(r), destination));
                        }
                    }
                    allowed = allowed.intersect(egress);
                }
                if (!allowed.isEmpty()) {
                    consumer.accept(s, d, allowed);
                }
            }
        }
    }

    /** The classes with a given source (or destination) signature. */
    public Map<Integer, List<PodClass>> classesBySignature(boolean source) {
        signatures();
        Map<Integer, List<PodClass>> result = new HashMap<>();
        for (PodClass podClass : classes) {
            int signature = source ? sourceSignatureOf[podClass.id()] : destinationSignatureOf[podClass.id()];
            result.computeIfAbsent(signature, k -> new ArrayList<>()).add(podClass);
        }
        return result;
    }
}
