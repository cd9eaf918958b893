package dev.palisade.pss;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Pod Security checks read of a pod: its annotations, its spec, and every container (init, regular,
 * ephemeral, in that order, as the admission plugin visits them).
 */
record PodView(Map<String, String> annotations, PodSpec spec, List<PodContainer> containers) {

    /** The parts of a container (or ephemeral container) the checks read. */
    record PodContainer(String name, SecurityContext securityContext, List<ContainerPort> ports, List<Probe> probes,
                        Lifecycle lifecycle) {
    }

    static PodView of(Map<String, String> annotations, PodSpec spec) {
        List<PodContainer> containers = new ArrayList<>();
        for (Container c : orEmpty(spec.getInitContainers())) {
            containers.add(of(c));
        }
        for (Container c : orEmpty(spec.getContainers())) {
            containers.add(of(c));
        }
        for (EphemeralContainer c : orEmpty(spec.getEphemeralContainers())) {
            containers.add(new PodContainer(c.getName(), c.getSecurityContext(), orEmpty(c.getPorts()),
                    probes(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()), c.getLifecycle()));
        }
        return new PodView(annotations == null ? Map.of() : annotations, spec, containers);
    }

    private static PodContainer of(Container c) {
        return new PodContainer(c.getName(), c.getSecurityContext(), orEmpty(c.getPorts()),
                probes(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()), c.getLifecycle());
    }

    private static List<Probe> probes(Probe... probes) {
        List<Probe> list = new ArrayList<>();
        for (Probe probe : probes) {
            if (probe != null) {
                list.add(probe);
            }
        }
        return list;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    PodSecurityContext podSecurityContext() {
        return spec.getSecurityContext();
    }

    boolean windows() {
        return spec.getOs() != null && "windows".equals(spec.getOs().getName());
    }

    /** {@code hostUsers: false}: the pod runs in a user namespace. */
    boolean userNamespace() {
        return Boolean.FALSE.equals(spec.getHostUsers());
    }
}
