package dev.palisade.policy;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy is evaluated on: a workload (and one of its containers), or another object. Field values are
 * cached here, so each is computed once per subject however many policies read it.
 */
public final class Subject {

    private final PolicyContext context;
    private final Workload workload;
    private final WorkloadContainer container;
    private final int containerIndex;
    private final KubeObject object;
    private final Subject parent;
    private final Map<Field, List<FieldValue>> cache = new IdentityHashMap<>();
    private Map<String, Object> celVariables;

    private Subject(PolicyContext context, Workload workload, WorkloadContainer container, int containerIndex,
                    KubeObject object, Subject parent) {
        this.context = context;
        this.parent = parent;
        this.workload = workload;
        this.container = container;
        this.containerIndex = containerIndex;
        this.object = object;
    }

    public static Subject workload(PolicyContext context, Workload workload) {
        return new Subject(context, workload, null, -1, context.snapshot().find(workload.ref()).orElse(null), null);
    }

    public static Subject object(PolicyContext context, KubeObject object) {
        return new Subject(context, null, null, -1, object, null);
    }

    /** The same workload, seen from one of its containers. */
    public Subject container(WorkloadContainer c, int indexInItsList) {
        return new Subject(context, workload, c, indexInItsList, object, this);
    }

    /** The containers of the workload as subjects (empty for objects). */
    public List<Subject> containers() {
        if (workload == null) {
            return List.of();
        }
        List<Subject> subjects = new ArrayList<>();
        int[] indexes = new int[3];
        for (WorkloadContainer c : workload.containers()) {
            subjects.add(container(c, indexes[c.kind().ordinal()]++));
        }
        return subjects;
    }

    private final Map<String, Object> memo = new java.util.HashMap<>();

    /** A value several fields derive from, computed once per subject (e.g. the Pod Security evaluation). */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, java.util.function.Supplier<T> compute) {
        return (T) memo.computeIfAbsent(key, k -> compute.get());
    }

    public List<FieldValue> values(Field field) {
        return cache.computeIfAbsent(field, f -> List.copyOf(f.values(this)));
    }

    public PolicyContext context() {
        return context;
    }

    /** The workload, or null when the subject is another object. */
    public Workload workload() {
        return workload;
    }

    /** The current container, or null at workload level. */
    public WorkloadContainer container() {
        return container;
    }

    /** The object: the workload's top-level object (may be null for pods grouped under a missing controller). */
    public KubeObject object() {
        return object;
    }

    public ObjectRef ref() {
        return workload != null ? workload.ref() : object.ref();
    }

    public SourceLocation source() {
        return workload != null ? workload.source() : object.source();
    }

    public Map<String, String> labels() {
        return workload != null ? workload.labels() : object.labels();
    }

    public Map<String, String> annotations() {
        return workload != null ? workload.annotations() : object.annotations();
    }

    /** Path of the current container in the pod spec, e.g. {@code containers[1]}. */
    public String containerPath() {
        return container == null ? "" : container.kind().specField() + "[" + containerIndex + "]";
    }

    /**
     * The CEL variables an expression uses, each converted on first use only; the workload-level ones are
     * shared by the containers of a workload.
     */
    Map<String, Object> celVariables(java.util.Set<String> names) {
        Map<String, Object> variables = new java.util.HashMap<>();
        for (String name : names) {
            variables.put(name, celVariable(name));
        }
        return variables;
    }

    private Object celVariable(String name) {
        if (name.equals("container")) {
            return container == null ? Map.of() : cel().computeIfAbsent(name, k -> CelExpression.toCel(container.spec()));
        }
        if (parent != null) {
            return parent.celVariable(name);
        }
        return cel().computeIfAbsent(name, k -> switch (k) {
            case "object" -> object == null ? Map.of() : CelExpression.toCel(object.resource());
            case "podSpec" -> workload == null ? Map.of() : CelExpression.toCel(workload.podSpec());
            case "namespaceObject" -> context.namespace(ref().namespace())
                    .map(ns -> CelExpression.toCel(ns.resource())).orElse(Map.of());
            default -> Map.of();
        });
    }

    private Map<String, Object> cel() {
        if (celVariables == null) {
            celVariables = new java.util.HashMap<>();
        }
        return celVariables;
    }
}
