package dev.palisade.compliance;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SourceLocation;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the control-plane components run and how they are configured, as managed-cluster scanners find them: the
 * static pods in kube-system whose container runs a component's binary (kubeadm's {@code kube-apiserver-<node>},
 * RKE2's, and any other), with their flags (command and args) and literal environment variables. A component
 * with no such pod is taken from node facts' processes, for control planes run as system services.
 */
final class ControlPlane {

    static final String SYSTEM_NAMESPACE = "kube-system";

    private ControlPlane() {
    }

    /**
     * One running component.
     *
     * @param subject  what evidence names: the pod, or the node's process
     * @param location where the pod is defined; null for processes
     * @param env      the container's literal environment variables (etcd reads any flag from one)
     */
    record Instance(Component component, String subject, SourceLocation location, Flags flags,
                    Map<String, String> env) {
    }

    static Map<Component, List<Instance>> instances(Snapshot snapshot, List<NodeFacts> nodes) {
        Map<Component, List<Instance>> instances = new EnumMap<>(Component.class);
        for (KubeObject object : snapshot.ofKind("Pod")) {
            if (!object.ref().namespace().equals(SYSTEM_NAMESPACE)) {
                continue;
            }
            Pod pod = object.as(Pod.class).orElse(null);
            if (pod == null) {
                continue;
            }
            List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of()
                    : pod.getSpec().getContainers();
            for (Container container : containers) {
                invocation(container).filter(i -> i.component().controlPlane).ifPresent(i -> instances
                        .computeIfAbsent(i.component(), c -> new ArrayList<>())
                        .add(new Instance(i.component(), object.ref().toString(), object.source(),
                                Flags.parse(i.args()), literalEnv(container))));
            }
        }
        Set<Component> inPods = Set.copyOf(instances.keySet());
        for (NodeFacts node : nodes) {
            for (NodeFacts.Process process : node.processes()) {
                Component component = process.component();
                if (component.controlPlane && !inPods.contains(component)) {
                    instances.computeIfAbsent(component, c -> new ArrayList<>()).add(new Instance(component,
                            "node " + node.node() + ": " + component.binary + " process", null, process.flags(),
                            Map.of()));
                }
            }
        }
        return instances;
    }

    private static Optional<Component.Invocation> invocation(Container container) {
        List<String> argv = new ArrayList<>();
        if (container.getCommand() != null) {
            argv.addAll(container.getCommand());
        }
        if (container.getArgs() != null) {
            argv.addAll(container.getArgs());
        }
        return Component.identify(argv);
    }

    /** Only literal values: references to Secrets and ConfigMaps are not followed. */
    private static Map<String, String> literalEnv(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnv() != null) {
            for (EnvVar variable : container.getEnv()) {
                if (variable.getName() != null && variable.getValue() != null) {
                    env.put(variable.getName(), variable.getValue());
                }
            }
        }
        return env;
    }
}
