package dev.palisade.network;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.PodInstance;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What NetworkPolicy evaluation needs from a snapshot: the pods of every workload (live pods with their own
 * labels and IPs; for manifests, one pod per workload from its template), the labels of every namespace, and
 * the parsed policies.
 *
 * @param ipBlocksSelectPods whether an ipBlock also matches pods whose IP it contains. Kubernetes' e2e tests
 *                           expect it (policies are enforced on the pod IP); some analysers never let an
 *                           ipBlock select a pod.
 */
public record NetworkModel(List<NetPod> pods, Map<String, Map<String, String>> namespaceLabels,
                           List<ParsedPolicy> policies, boolean ipBlocksSelectPods) {

    /** The label Kubernetes puts on every namespace (since 1.21), so selectors can name namespaces. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    /**
     * One pod as the network sees it.
     *
     * @param name       the pod name, or the workload name for a pod template
     * @param ips        addresses on the shared number line of {@link IpSet}; empty when unknown (manifests)
     * @param namedPorts container ports with a name, by name
     */
    public record NetPod(Workload workload, String name, String namespace, Map<String, String> labels,
                         List<BigInteger> ips, Map<String, List<ParsedPolicy.NamedPort>> namedPorts) {
    }

    public NetworkModel {
        pods = List.copyOf(pods);
        namespaceLabels = Collections.unmodifiableMap(new TreeMap<>(namespaceLabels));
        policies = List.copyOf(policies);
    }

    public static NetworkModel of(Snapshot snapshot) {
        return of(snapshot, true);
    }

    public static NetworkModel of(Snapshot snapshot, boolean ipBlocksSelectPods) {
        List<ParsedPolicy> policies = snapshot.ofKind("NetworkPolicy").stream()
                .filter(o -> o.resource() instanceof NetworkPolicy).map(ParsedPolicy::of).toList();
        return of(snapshot, policies, ipBlocksSelectPods);
    }

    /** The snapshot's pods and namespaces with other policies (to simulate a change). */
    public static NetworkModel of(Snapshot snapshot, List<ParsedPolicy> policies, boolean ipBlocksSelectPods) {
        Map<String, Map<String, String>> namespaces = new HashMap<>();
        for (KubeObject namespace : snapshot.ofKind("Namespace")) {
            Map<String, String> labels = new LinkedHashMap<>(namespace.labels());
            labels.put(NAMESPACE_NAME_LABEL, namespace.ref().name());
            namespaces.put(namespace.ref().name(), Collections.unmodifiableMap(labels));
        }
        List<NetPod> pods = new ArrayList<>();
        for (Workload workload : snapshot.workloads()) {
            pods.addAll(podsOf(workload, snapshot));
        }
        pods.forEach(p -> namespaces.computeIfAbsent(p.namespace(), NetworkModel::defaultLabels));
        policies.forEach(p -> namespaces.computeIfAbsent(p.namespace(), NetworkModel::defaultLabels));
        return new NetworkModel(pods, namespaces, policies, ipBlocksSelectPods);
    }

    private static Map<String, String> defaultLabels(String namespace) {
        return Map.of(NAMESPACE_NAME_LABEL, namespace);
    }

    public Map<String, String> labelsOf(String namespace) {
        return namespaceLabels.getOrDefault(namespace, defaultLabels(namespace));
    }

    private static List<NetPod> podsOf(Workload workload, Snapshot snapshot) {
        Map<String, List<ParsedPolicy.NamedPort>> namedPorts = namedPorts(workload);
        List<NetPod> pods = new ArrayList<>();
        for (PodInstance pod : workload.pods()) {
            if ("Succeeded".equals(pod.phase()) || "Failed".equals(pod.phase())) {
                continue; // finished pods hold no address and take no traffic
            }
            pods.add(new NetPod(workload, pod.name(), workload.namespace(), pod.labels(), numbers(pod.ips()), namedPorts));
        }
        if (!pods.isEmpty()) {
            return pods;
        }
        // No running pod (manifests, or every pod finished): the template stands for the pods it will create.
        List<String> ips = snapshot.find(workload.ref()).flatMap(o -> o.as(Pod.class)).map(PodInstance::ipsOf)
                .orElse(List.of());
        return List.of(new NetPod(workload, workload.name(), workload.namespace(), workload.podLabels(), numbers(ips),
                namedPorts));
    }

    private static List<BigInteger> numbers(List<String> ips) {
        return ips.stream().flatMap(ip -> IpSet.toNumber(ip).stream()).toList();
    }

    private static Map<String, List<ParsedPolicy.NamedPort>> namedPorts(Workload workload) {
        Map<String, List<ParsedPolicy.NamedPort>> named = new TreeMap<>();
        for (var container : workload.containers()) {
            Container spec = container.spec();
            // Named ports resolve against the pod's containers; init and ephemeral containers serve nothing.
            if (container.kind() != dev.palisade.inventory.ContainerKind.REGULAR || spec == null || spec.getPorts() == null) {
                continue;
            }
            for (ContainerPort port : spec.getPorts()) {
                if (port.getName() == null || port.getName().isEmpty() || port.getContainerPort() == null) {
                    continue;
                }
                Protocol.parse(port.getProtocol()).ifPresent(protocol -> named.computeIfAbsent(port.getName(),
                        k -> new ArrayList<>()).add(new ParsedPolicy.NamedPort(protocol, port.getContainerPort())));
            }
        }
        named.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(named);
    }
}
