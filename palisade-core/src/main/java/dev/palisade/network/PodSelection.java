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
public record PodSelection(Map<String, String> matchLabels, List<String> absentKeys, List<ObjectRef> alsoSelects) {

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

    public boolean matches(Map<String, String> labels) {
        return labels.entrySet().containsAll(matchLabels.entrySet()) && absentKeys.stream().noneMatch(labels::containsKey);
    }

    /** A selection for every workload of the model, each among the workloads of its namespace. */
    public static Map<ObjectRef, PodSelection> forWorkloads(NetworkModel model) {
        Map<ObjectRef, List<NetPod>> podsByWorkload = new LinkedHashMap<>();
        model.pods().forEach(p -> podsByWorkload.computeIfAbsent(p.workload().ref(), k -> new ArrayList<>()).add(p));
        Map<ObjectRef, PodSelection> selections = new HashMap<>();
        podsByWorkload.forEach((workload, pods) -> {
            List<NetPod> others = model.pods().stream()
                    .filter(p -> p.namespace().equals(workload.namespace()) && !p.workload().ref().equals(workload))
                    .toList();
            selections.put(workload, choose(pods, others));
        });
        return selections;
    }

    /**
     * Greedy: the first naming label every pod has, then the common label that leaves out the most remaining
     * other pods, until none remains or no label helps; then keys the workload's pods lack, the same way.
     */
    static PodSelection choose(List<NetPod> pods, List<NetPod> others) {
        List<Map.Entry<String, String>> common = commonLabels(pods);
        Map<String, String> matchLabels = new TreeMap<>();
        List<NetPod> remaining = new ArrayList<>(others);
        if (!common.isEmpty()) {
            Map.Entry<String, String> first = common.get(0);
            matchLabels.put(first.getKey(), first.getValue());
            remaining.removeIf(p -> !first.getValue().equals(p.labels().get(first.getKey())));
        }
        while (!remaining.isEmpty()) {
            Map.Entry<String, String> best = null;
            long bestExcluded = 0;
            for (Map.Entry<String, String> label : common) {
                long excluded = remaining.stream().filter(p -> !label.getValue().equals(p.labels().get(label.getKey()))).count();
                if (excluded > bestExcluded) {
                    best = label;
                    bestExcluded = excluded;
                }
            }
            if (best == null) {
                break;
            }
            Map.Entry<String, String> chosen = best;
            matchLabels.put(chosen.getKey(), chosen.getValue());
            remaining.removeIf(p -> !chosen.getValue().equals(p.labels().get(chosen.getKey())));
        }
        Set<String> ownKeys = new TreeSet<>();
        pods.forEach(p -> ownKeys.addAll(p.labels().keySet()));
        List<String> absentKeys = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Map<String, Long> excludedByKey = new TreeMap<>();
            remaining.forEach(p -> p.labels().keySet().stream().filter(k -> !ownKeys.contains(k))
                    .forEach(k -> excludedByKey.merge(k, 1L, Long::sum)));
            if (excludedByKey.isEmpty()) {
                break;
            }
            String key = excludedByKey.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            absentKeys.add(key);
            remaining.removeIf(p -> p.labels().containsKey(key));
        }
        List<ObjectRef> alsoSelects = remaining.stream().map(p -> p.workload().ref()).distinct()
                .sorted(Comparator.comparing(ObjectRef::name).thenComparing(ObjectRef::kind)).toList();
        return new PodSelection(matchLabels, absentKeys, alsoSelects);
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
