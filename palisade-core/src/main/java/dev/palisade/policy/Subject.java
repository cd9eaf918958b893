package dev.palisade.policy;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import dev.palisade.vuln.ImageScan;
import dev.palisade.vuln.Vulnerability;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy is evaluated on: a workload (one of its containers, one vulnerability of that container's
 * image), or another object. Field values are cached here, so each is computed once per subject however many
 * policies read it.
 */
public final class Subject {

    private final PolicyContext context;
    private final Workload workload;
    private final WorkloadContainer container;
    private final int containerIndex;
    private final KubeObject object;
    private final Vulnerability vulnerability;
    private final Subject parent;
    private final Map<Field, List<FieldValue>> cache = new IdentityHashMap<>();
    private Map<String, Object> celVariables;

    private Subject(PolicyContext context, Workload workload, WorkloadContainer container, int containerIndex,
                    KubeObject object, Vulnerability vulnerability, Subject parent) {
        this.context = context;
        this.parent = parent;
        this.workload = workload;
        this.container = container;
        this.containerIndex = containerIndex;
        this.object = object;
        this.vulnerability = vulnerability;
    }

    public static Subject workload(PolicyContext context, Workload workload) {
        return new Subject(context, workload, null, -1, context.snapshot().find(workload.ref()).orElse(null), null,
                null);
    }

    public static Subject object(PolicyContext context, KubeObject object) {
        return new Subject(context, null, null, -1, object, null, null);
    }

    /** The same workload, seen from one of its containers. */
    public Subject container(WorkloadContainer c, int indexInItsList) {
        return new Subject(context, workload, c, indexInItsList, object, null, this);
    }

    /**
     * The vulnerabilities of the current container's image as subjects, worst first ({@link ImageScan#WORST_FIRST});
     * empty when the image was not scanned. Built once per container subject, so their field values are shared
     * by every policy.
     */
    public List<Subject> vulnerabilities() {
        return memo("vulnerabilities", () -> imageScan().stream()
                .flatMap(scan -> scan.vulnerabilities().stream().sorted(ImageScan.WORST_FIRST))
                .map(v -> new Subject(context, workload, container, containerIndex, object, v, this))
                .toList());
    }

    /** The scan of the current container's image: empty without a container, scan evidence or a scan of it. */
    public Optional<ImageScan> imageScan() {
        return container == null ? Optional.empty() : context.imageScans().flatMap(scans -> scans.of(container.image()));
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

    /** The current vulnerability of the container's image, or null above vulnerability level. */
    public Vulnerability vulnerability() {
        return vulnerability;
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
