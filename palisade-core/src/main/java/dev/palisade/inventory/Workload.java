package dev.palisade.inventory;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * Everything that produces pods, seen as one unit: a Deployment with its ReplicaSets and 30 pods is one
 * workload. Live pods attach to their top-level owner as {@link #pods()}.
 *
 * @param ref         the top-level object (Deployment, StatefulSet, DaemonSet, CronJob, Job, ReplicaSet,
 *                    ReplicationController or Pod)
 * @param labels      the workload object's labels
 * @param podLabels   the pod template's labels (what Services and NetworkPolicies select)
 * @param podSpec     the pod template's spec (read-only)
 * @param replicas    desired replicas where the kind has them, else null
 * @param containers  init, regular and ephemeral containers, in spec order
 * @param pods        live pods, empty for manifests
 */
public record Workload(ObjectRef ref, SourceLocation source, Map<String, String> labels,
                       Map<String, String> annotations, Map<String, String> podLabels,
                       Map<String, String> podAnnotations, PodSpec podSpec, Integer replicas,
                       List<WorkloadContainer> containers, List<PodInstance> pods) {

    public Workload {
        labels = frozen(labels);
        annotations = frozen(annotations);
        podLabels = frozen(podLabels);
        podAnnotations = frozen(podAnnotations);
        containers = List.copyOf(containers);
        pods = List.copyOf(pods);
    }

    /** A sorted, unmodifiable copy; YAML allows null label values, so Map.copyOf will not do. */
    static Map<String, String> frozen(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(map));
    }

    public String namespace() {
        return ref.namespace();
    }

    public String name() {
        return ref.name();
    }

    /** The service account the pods run as ({@code default} when the spec names none). */
    public String serviceAccountName() {
        String name = podSpec.getServiceAccountName();
        if (name == null || name.isEmpty()) {
            name = podSpec.getServiceAccount();
        }
        return name == null || name.isEmpty() ? "default" : name;
    }

    public boolean hostNetwork() {
        return Boolean.TRUE.equals(podSpec.getHostNetwork());
    }


    public Workload withPods(List<PodInstance> newPods) {
        return new Workload(ref, source, labels, annotations, podLabels, podAnnotations, podSpec, replicas,
                containers, newPods);
    }
}
