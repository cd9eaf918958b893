package dev.palisade.inventory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives workloads from objects: every pod-producing object that no other pod producer in the inventory
 * controls is a workload; live pods attach to the top of their controller chain (Pod → ReplicaSet →
 * Deployment, Pod → Job → CronJob). Pods whose controller is missing from the inventory are grouped by
 * that controller, so 30 pods of an unlisted ReplicaSet still make one workload.
 */
final class WorkloadResolver {

    static final Set<String> POD_PRODUCERS = Set.of("Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
            "Job", "CronJob", "ReplicationController");

    private WorkloadResolver() {
    }

    record Result(List<Workload> workloads, List<InputProblem> problems) {
    }

    /** A pod template, as far as it can be found in a pod producer. */
    private record Template(ObjectMeta metadata, PodSpec spec, Integer replicas) {
    }

    static Result resolve(List<KubeObject> objects) {
        Map<String, KubeObject> byUid = new HashMap<>();
        Map<String, KubeObject> byName = new HashMap<>();
        for (KubeObject object : objects) {
            if (!POD_PRODUCERS.contains(object.ref().kind())) {
                continue;
            }
            if (object.uid() != null && !object.uid().isEmpty()) {
                byUid.put(object.uid(), object);
            }
            byName.put(nameKey(object.ref().namespace(), object.ref().kind(), object.ref().name()), object);
        }
        List<InputProblem> problems = new ArrayList<>();
        Map<String, Workload> workloads = new LinkedHashMap<>();
        Map<String, List<PodInstance>> podsByWorkload = new HashMap<>();
        for (KubeObject object : objects) {
            if (!POD_PRODUCERS.contains(object.ref().kind())) {
                continue;
            }
            Optional<KubeObject> top = topOwner(object, byUid, byName);
            boolean controlled = controller(object.metadata()) != null;
            if (top.isEmpty() && !controlled) {
                toWorkload(object, problems).ifPresent(w -> workloads.put(w.ref().identity(), w));
                if (object.resource() instanceof Pod pod && isLive(pod)) {
                    podsByWorkload.computeIfAbsent(object.ref().identity(), k -> new ArrayList<>()).add(instance(pod));
                }
                continue;
            }
            if (top.isPresent()) {
                // Controlled by a producer we know: make sure the top is a workload, attach live pods to it.
                if (object.resource() instanceof Pod pod) {
                    podsByWorkload.computeIfAbsent(top.get().ref().identity(), k -> new ArrayList<>()).add(instance(pod));
                }
                continue;
            }
            // Controlled by something the inventory does not hold: group under that controller.
            OwnerReference owner = controller(object.metadata());
            // The API requires an owner's kind; when a manifest omits it (fabric8 then fills in its own type name,
            // "OwnerReference"), the group keeps the pod's kind.
            String ownerKind = owner.getKind() == null || owner.getKind().isBlank()
                    || owner.getKind().equals("OwnerReference") ? object.ref().kind() : owner.getKind();
            ObjectRef ownerRef = new ObjectRef(owner.getApiVersion() == null ? "v1" : owner.getApiVersion(),
                    ownerKind, object.ref().namespace(), owner.getName());
            if (!workloads.containsKey(ownerRef.identity())) {
                toWorkload(object, problems).ifPresent(w -> workloads.put(ownerRef.identity(),
                        new Workload(ownerRef, w.source(), w.labels(), w.annotations(), w.podLabels(),
                                w.podAnnotations(), w.podSpec(), w.replicas(), w.containers(), List.of())));
            }
            if (object.resource() instanceof Pod pod) {
                podsByWorkload.computeIfAbsent(ownerRef.identity(), k -> new ArrayList<>()).add(instance(pod));
            }
        }
        List<Workload> result = new ArrayList<>(workloads.size());
        workloads.forEach((identity, workload) -> {
            List<PodInstance> pods = podsByWorkload.get(identity);
            if (pods == null) {
                result.add(workload);
            } else {
                pods.sort(Comparator.comparing(PodInstance::name));
                result.add(workload.withPods(pods));
            }
        });
        result.sort(Comparator.comparing((Workload w) -> w.ref().namespace())
                .thenComparing(w -> w.ref().kind()).thenComparing(w -> w.ref().name()));
        return new Result(result, problems);
    }

    private static boolean isLive(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getPhase() != null;
    }

    private static String nameKey(String namespace, String kind, String name) {
        return namespace + "/" + kind + "/" + name;
    }

    /**
     * The controller of an object, or null. A static pod's mirror names its Node as controller; the node runs the
     * pod rather than producing it from a template, so each mirror pod is a workload of its own.
     */
    private static OwnerReference controller(ObjectMeta metadata) {
        List<OwnerReference> owners = metadata.getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return null;
        }
        OwnerReference controller = owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
                .orElse(owners.size() == 1 && POD_PRODUCERS.contains(owners.get(0).getKind()) ? owners.get(0) : null);
        return controller == null || "Node".equals(controller.getKind()) ? null : controller;
    }

    /** The topmost known pod producer controlling {@code object}, or empty when no known producer controls it. */
    private static Optional<KubeObject> topOwner(KubeObject object, Map<String, KubeObject> byUid,
                                                 Map<String, KubeObject> byName) {
        KubeObject current = object;
        KubeObject top = null;
        for (int depth = 0; depth < 8; depth++) {
            OwnerReference owner = controller(current.metadata());
            if (owner == null) {
                break;
            }
            KubeObject next = owner.getUid() != null ? byUid.get(owner.getUid()) : null;
            if (next == null) {
                next = byName.get(nameKey(current.ref().namespace(), owner.getKind(), owner.getName()));
            }
            if (next == null || next == object) {
                break;
            }
            top = next;
            current = next;
        }
        return Optional.ofNullable(top);
    }

    private static PodInstance instance(Pod pod) {
        List<PodInstance.RunningImage> images = new ArrayList<>();
        if (pod.getStatus() != null) {
            for (List<ContainerStatus> statuses : List.of(orEmpty(pod.getStatus().getInitContainerStatuses()),
                    orEmpty(pod.getStatus().getContainerStatuses()),
                    orEmpty(pod.getStatus().getEphemeralContainerStatuses()))) {
                for (ContainerStatus status : statuses) {
                    images.add(new PodInstance.RunningImage(status.getName(), status.getImage(), status.getImageID()));
                }
            }
        }
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return new PodInstance(pod.getMetadata().getName(), node, phase, pod.getMetadata().getLabels(),
                PodInstance.ipsOf(pod), images);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Optional<Workload> toWorkload(KubeObject object, List<InputProblem> problems) {
        Template template = template(object.resource());
        if (template == null || template.spec() == null) {
            problems.add(InputProblem.warning(object.source(), object.ref() + " has no pod template; it is kept as an"
                    + " object but not analysed as a workload"));
            return Optional.empty();
        }
        ObjectMeta podMeta = template.metadata() == null ? new ObjectMeta() : template.metadata();
        List<WorkloadContainer> containers = new ArrayList<>();
        for (Container c : orEmpty(template.spec().getInitContainers())) {
            containers.add(container(c, ContainerKind.INIT, object, problems));
        }
        for (Container c : orEmpty(template.spec().getContainers())) {
            containers.add(container(c, ContainerKind.REGULAR, object, problems));
        }
        for (EphemeralContainer c : orEmpty(template.spec().getEphemeralContainers())) {
            Container asContainer = InventoryBuilder.SERIALIZATION.convertValue(c, Container.class);
            containers.add(container(asContainer, ContainerKind.EPHEMERAL, object, problems));
        }
        ObjectMeta meta = object.metadata();
        return Optional.of(new Workload(object.ref(), object.source(), KubeObject.orEmpty(meta.getLabels()),
                KubeObject.orEmpty(meta.getAnnotations()), KubeObject.orEmpty(podMeta.getLabels()),
                KubeObject.orEmpty(podMeta.getAnnotations()), template.spec(), template.replicas(), containers, List.of()));
    }

    private static WorkloadContainer container(Container spec, ContainerKind kind, KubeObject owner,
                                               List<InputProblem> problems) {
        String reference = spec.getImage();
        ImageRef image = null;
        try {
            image = ImageRef.parse(reference);
        } catch (IllegalArgumentException e) {
            problems.add(InputProblem.warning(owner.source(), owner.ref() + " container \"" + spec.getName() + "\": "
                    + e.getMessage()));
        }
        return new WorkloadContainer(spec.getName(), kind, reference, image, spec);
    }

    private static Template template(HasMetadata resource) {
        if (resource instanceof Pod pod) {
            return new Template(pod.getMetadata(), pod.getSpec(), null);
        }
        if (resource instanceof Deployment d && d.getSpec() != null) {
            return fromTemplate(d.getSpec().getTemplate(), replicas(d.getSpec().getReplicas()));
        }
        if (resource instanceof StatefulSet s && s.getSpec() != null) {
            return fromTemplate(s.getSpec().getTemplate(), replicas(s.getSpec().getReplicas()));
        }
        if (resource instanceof DaemonSet d && d.getSpec() != null) {
            return fromTemplate(d.getSpec().getTemplate(), null);
        }
        if (resource instanceof ReplicaSet r && r.getSpec() != null) {
            return fromTemplate(r.getSpec().getTemplate(), replicas(r.getSpec().getReplicas()));
        }
        if (resource instanceof ReplicationController r && r.getSpec() != null) {
            return fromTemplate(r.getSpec().getTemplate(), replicas(r.getSpec().getReplicas()));
        }
        if (resource instanceof Job j && j.getSpec() != null) {
            return fromTemplate(j.getSpec().getTemplate(), j.getSpec().getParallelism());
        }
        if (resource instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            return fromTemplate(c.getSpec().getJobTemplate().getSpec().getTemplate(), null);
        }
        return null;
    }

    /** Kubernetes defaults an absent replica count to 1. */
    private static Integer replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static Template fromTemplate(PodTemplateSpec template, Integer replicas) {
        return template == null ? null : new Template(template.getMetadata(), template.getSpec(), replicas);
    }
}
