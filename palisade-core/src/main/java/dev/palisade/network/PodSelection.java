package dev.palisade.network;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.network.NetworkModel.NetPod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A pod selector for one workload in generated policies: labels every pod of the workload has
 * ({@code matchLabels}) and labels none of them has ({@code DoesNotExist}), chosen so that no pod of another
 * workload of the namespace matches. When labels cannot tell the workload apart from another one (same labels,
 * or a superset the workload's pods lack nothing of), the selector also selects that workload's pods:
 * {@link #alsoSelects()} names them.
 *
 * @param matchLabels what every pod of the workload carries
 * @param absentKeys  label keys none of its pods carries, each excluding some other workload
 * @param alsoSelects other workloads of the namespace the selector cannot leave out
 */
record PodSelection(Map<String, String> matchLabels, List<String> absentKeys, List<ObjectRef> alsoSelects) {

    /** Keys that tell apart the pods of one rollout, run or replica: a selector on them breaks at the next change. */
    private static final Set<String> VOLATILE_KEYS = Set.of("pod-template-hash", "controller-revision-hash",
            "pod-template-generation", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index",
            "controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name",
            "batch.kubernetes.io/job-completion-index");

    /** Keys that usually name the application: tried first, so selectors read like the workload's own. */
    private static final List<String> NAMING_KEYS = List.of("app.kubernetes.io/name", "app", "k8s-app", "name",
            "app.kubernetes.io/instance", "app.kubernetes.io/component", "component");

    public PodSelection {
        matchLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(matchLabels));
        absentKeys = List.copyOf(absentKeys);
        alsoSelects = List.copyOf(alsoSelects);
    }

    /** A selection for every workload of the model, each among the workloads of its namespace. */
    static Map<ObjectRef, PodSelection> forWorkloads(NetworkModel model) {
        Map<String, List<NetPod>> podsByNamespace = new HashMap<>();
        Map<ObjectRef, List<NetPod>> podsByWorkload = new LinkedHashMap<>();
        for (NetPod pod : model.pods()) {
            podsByNamespace.computeIfAbsent(pod.namespace(), k -> new ArrayList<>()).add(pod);
            podsByWorkload.computeIfAbsent(pod.workload().ref(), k -> new ArrayList<>()).add(pod);
        }
        Map<ObjectRef, PodSelection> selections = new HashMap<>();
        podsByWorkload.forEach((workload, pods) -> selections.put(workload, choose(pods,
                podsByNamespace.get(workload.namespace()).stream().filter(p -> !p.workload().ref().equals(workload)).toList())));
        return selections;
    }

    /**
     * The first naming label every pod has, then greedily the common label that leaves out the most remaining
     * pods of other workloads, until none remains or no label helps; then, the same way, keys the workload's pods
     * lack but remaining pods carry.
     */
    static PodSelection choose(List<NetPod> pods, List<NetPod> others) {
        List<Map.Entry<String, String>> common = commonLabels(pods);
        List<NetPod> remaining = new ArrayList<>(others);
        Function<Map.Entry<String, String>, Predicate<NetPod>> lacksLabel =
                label -> p -> !label.getValue().equals(p.labels().get(label.getKey()));
        Map<String, String> matchLabels = new TreeMap<>();
        if (!common.isEmpty()) {
            matchLabels.put(common.get(0).getKey(), common.get(0).getValue());
            remaining.removeIf(lacksLabel.apply(common.get(0)));
        }
        greedy(common, lacksLabel, remaining).forEach(label -> matchLabels.put(label.getKey(), label.getValue()));
        Set<String> ownKeys = new TreeSet<>();
        pods.forEach(p -> ownKeys.addAll(p.labels().keySet()));
        Set<String> otherKeys = new TreeSet<>();
        remaining.forEach(p -> otherKeys.addAll(p.labels().keySet()));
        otherKeys.removeAll(ownKeys);
        List<String> absentKeys = greedy(List.copyOf(otherKeys), key -> p -> p.labels().containsKey(key), remaining);
        List<ObjectRef> alsoSelects = remaining.stream().map(p -> p.workload().ref()).distinct()
                .sorted(Comparator.comparing(ObjectRef::name).thenComparing(ObjectRef::kind)).toList();
        return new PodSelection(matchLabels, absentKeys, alsoSelects);
    }

    /**
     * Picks candidates one at a time, each the one that leaves out the most of {@code remaining} (the first in
     * order on a tie), removing the pods it leaves out, until none remains or no candidate leaves one out.
     */
    private static <T> List<T> greedy(List<T> candidates, Function<T, Predicate<NetPod>> leavesOut, List<NetPod> remaining) {
        List<T> chosen = new ArrayList<>();
        while (!remaining.isEmpty()) {
            T best = null;
            long bestCount = 0;
            for (T candidate : candidates) {
                long count = remaining.stream().filter(leavesOut.apply(candidate)).count();
                if (count > bestCount) {
                    best = candidate;
                    bestCount = count;
                }
            }
            if (best == null) {
                break;
            }
            chosen.add(best);
            remaining.removeIf(leavesOut.apply(best));
        }
        return chosen;
    }

    /** Labels every pod has with the same value, volatile ones left out, naming keys first, then by key. */
    private static List<Map.Entry<String, String>> commonLabels(List<NetPod> pods) {
        Map<String, String> common = new TreeMap<>(pods.get(0).labels());
        for (NetPod pod : pods) {
            common.entrySet().removeIf(e -> e.getValue() == null || !e.getValue().equals(pod.labels().get(e.getKey())));
        }
        common.keySet().removeAll(VOLATILE_KEYS);
        return common.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> naming(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    private static int naming(String key) {
        int index = NAMING_KEYS.indexOf(key);
        return index < 0 ? NAMING_KEYS.size() : index;
    }
}
