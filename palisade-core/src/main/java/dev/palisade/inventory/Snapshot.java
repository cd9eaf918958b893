package dev.palisade.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The immutable inventory of one cluster at one moment: its objects, the workloads derived from them, and
 * the problems met while loading. Every analysis is a function of a snapshot (plus configuration).
 */
public final class Snapshot {

    private final SnapshotInfo info;
    private final List<KubeObject> objects;
    private final List<Workload> workloads;
    private final List<InputProblem> problems;
    private final Map<String, List<KubeObject>> byKind;
    private final Map<String, KubeObject> byIdentity;

    public Snapshot(SnapshotInfo info, List<KubeObject> objects, List<Workload> workloads,
                    List<InputProblem> problems) {
        this.info = info;
        this.objects = List.copyOf(objects);
        this.workloads = List.copyOf(workloads);
        this.problems = List.copyOf(problems);
        Map<String, List<KubeObject>> kinds = this.objects.stream()
                .collect(Collectors.groupingBy(o -> o.ref().kind(), LinkedHashMap::new, Collectors.toUnmodifiableList()));
        this.byKind = Collections.unmodifiableMap(kinds);
        Map<String, KubeObject> identities = new LinkedHashMap<>();
        this.objects.forEach(o -> identities.putIfAbsent(o.ref().identity(), o));
        this.byIdentity = Collections.unmodifiableMap(identities);
    }

    public SnapshotInfo info() {
        return info;
    }

    public List<KubeObject> objects() {
        return objects;
    }

    public List<Workload> workloads() {
        return workloads;
    }

    public List<InputProblem> problems() {
        return problems;
    }

    /** Objects of one kind (e.g. {@code Service}), in load order. */
    public List<KubeObject> ofKind(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** Objects of one kind as their model class, skipping any that are not of that class. */
    public <T> List<T> ofKind(String kind, Class<T> type) {
        return ofKind(kind).stream().flatMap(o -> o.as(type).stream()).toList();
    }

    public Optional<KubeObject> find(ObjectRef ref) {
        return Optional.ofNullable(byIdentity.get(ref.identity()));
    }

    private volatile List<String> namespaces;

    /** Every namespace that has a Namespace object or holds an object, sorted (computed once). */
    public List<String> namespaces() {
        List<String> result = namespaces;
        if (result == null) {
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            ofKind("Namespace").forEach(o -> names.add(o.ref().name()));
            objects.stream().map(o -> o.ref().namespace()).filter(ns -> !ns.isEmpty()).forEach(names::add);
            result = List.copyOf(names);
            namespaces = result;
        }
        return result;
    }

    /** Object counts per kind, sorted by kind. */
    public Map<String, Integer> countsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        byKind.forEach((kind, list) -> counts.put(kind, list.size()));
        return Collections.unmodifiableMap(counts);
    }

}
