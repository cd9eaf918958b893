package dev.palisade.network;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Selectors;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.network.Reachability.PodClass;
import dev.palisade.policy.Exposure;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Whether NetworkPolicies let traffic from outside the cluster through to the pods an exposed object leads to.
 * LoadBalancer, NodePort and externalIPs traffic arrives from external addresses; Ingress and HTTPRoute traffic
 * from the ingress controller or gateway pods (workloads whose name, app label or namespace says ingress,
 * gateway, traefik, contour, kong, envoy or haproxy; when the inventory holds none, any pod of another namespace,
 * whose egress is then unknown and not weighed).
 * Host-network pods are not subject to NetworkPolicies; hostPort traffic is checked like external traffic.
 */
public final class ExposureReach {

    private static final Pattern CONTROLLER = Pattern.compile(
            "ingress|gateway|traefik|contour|kong|envoy|haproxy", Pattern.CASE_INSENSITIVE);

    /** One way into a workload: a protocol, the service (or host) port, and the pod port traffic arrives on. */
    public record Target(Workload workload, Protocol protocol, int servicePort, int port) {
        String label() {
            return workload.ref().kind() + " " + workload.name() + " " + port + "/" + protocol;
        }
    }

    private final Snapshot snapshot;
    private final Reachability reachability;
    private final Map<Workload, Set<PodClass>> classesOfWorkload;
    private List<PodClass> controllers;

    private final Map<String, List<Workload>> workloadsByNamespace = new java.util.HashMap<>();
    private final Map<String, List<Service>> servicesByNamespace = new java.util.HashMap<>();

    ExposureReach(Snapshot snapshot, Reachability reachability) {
        this.snapshot = snapshot;
        this.reachability = reachability;
        this.classesOfWorkload = ConnectivityMap.classesOfWorkload(reachability);
        snapshot.workloads().forEach(w -> workloadsByNamespace.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w));
        snapshot.ofKind("Service", Service.class).forEach(s -> servicesByNamespace
                .computeIfAbsent(s.getMetadata().getNamespace(), k -> new ArrayList<>()).add(s));
    }

    /**
     * One way from outside to a workload's port through an exposed object: the objects on the way
     * ({@code Ingress shop/web}, {@code Service shop/web:443}) and whether NetworkPolicies admit the traffic.
     */
    public record Route(List<String> hops, Target target, boolean admitted) {
    }

    /** The NetworkPolicy verdict for an exposed object, in words; empty when it leads to no known pod. */
    String verdict(KubeObject exposed) {
        return words(routes(exposed));
    }

    /** Every route through an exposed object (Service, Ingress, HTTPRoute) to the pods behind it. */
    List<Route> routes(KubeObject exposed) {
        List<Route> routes = new ArrayList<>();
        String kind = exposed.ref().kind();
        String name = kind + " " + exposed.ref().namespace() + "/" + exposed.ref().name();
        if (kind.equals("Service") && exposed.resource() instanceof Service service) {
            targets(service).forEach(t -> routes.add(new Route(List.of(name + ":" + t.servicePort()), t, fromOutside(t))));
        } else if (kind.equals("Ingress") && exposed.resource() instanceof Ingress ingress && ingress.getSpec() != null) {
            services(exposed.ref().namespace(), Exposure.ingressBackends(ingress)).forEach(s -> targets(s)
                    .forEach(t -> routes.add(new Route(List.of(name, serviceHop(s, t)), t, fromControllers(t)))));
        } else if (kind.equals("HTTPRoute") && exposed.resource() instanceof HTTPRoute route && route.getSpec() != null
                && route.getSpec().getRules() != null) {
            route.getSpec().getRules().stream().filter(r -> r.getBackendRefs() != null)
                    .flatMap(r -> r.getBackendRefs().stream())
                    .filter(b -> b.getKind() == null || b.getKind().equals("Service"))
                    .forEach(b -> services(b.getNamespace() == null ? exposed.ref().namespace() : b.getNamespace(),
                            List.of(b.getName())).forEach(s -> targets(s).forEach(t ->
                            routes.add(new Route(List.of(name, serviceHop(s, t)), t, fromControllers(t))))));
        }
        return routes;
    }

    /** Routes to a workload exposed on the node (hostNetwork: never filtered; hostPort: as external traffic). */
    List<Route> hostRoutes(Workload workload) {
        List<Route> routes = new ArrayList<>();
        workload.containers().forEach(c -> {
            if (c.spec().getPorts() != null) {
                c.spec().getPorts().stream().filter(p -> p.getContainerPort() != null
                        && (workload.hostNetwork() || p.getHostPort() != null && p.getHostPort() > 0)).forEach(p -> {
                            Target target = new Target(workload, Protocol.parse(p.getProtocol()).orElse(Protocol.TCP),
                                    p.getContainerPort(), p.getContainerPort());
                            routes.add(new Route(List.of(workload.hostNetwork() ? "node network" : "hostPort "
                                    + p.getHostPort()), target, workload.hostNetwork() || fromOutside(target)));
                        });
            }
        });
        return routes;
    }

    private static String serviceHop(Service service, Target target) {
        return "Service " + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName() + ":"
                + target.servicePort();
    }

    /** The verdict for a workload exposed on the node (hostNetwork, hostPort). */
    String hostVerdict(Workload workload) {
        if (workload.hostNetwork()) {
            return "not subject to NetworkPolicies (host network)";
        }
        return words(hostRoutes(workload));
    }

    private static String words(List<Route> routes) {
        List<String> open = routes.stream().filter(Route::admitted).map(r -> r.target().label()).toList();
        List<String> blocked = routes.stream().filter(r -> !r.admitted()).map(r -> r.target().label()).toList();
        if (open.isEmpty() && blocked.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (!open.isEmpty()) {
            parts.add("admitted: " + String.join(", ", new TreeSet<>(open)));
        }
        if (!blocked.isEmpty()) {
            parts.add("blocked by NetworkPolicy: " + String.join(", ", new TreeSet<>(blocked)));
        }
        return String.join("; ", parts);
    }

    /** Whether some external address may connect to the target. */
    boolean fromOutside(Target target) {
        for (PodClass podClass : classesOfWorkload.getOrDefault(target.workload(), Set.of())) {
            for (int atom = 0; atom < reachability.sourceAtoms().size(); atom++) {
                if (reachability.fromExternal(atom, podClass).allows(target.protocol(), target.port())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean fromControllers(Target target) {
        List<PodClass> known = controllers();
        for (PodClass destination : classesOfWorkload.getOrDefault(target.workload(), Set.of())) {
            if (known.isEmpty()) {
                if (reachability.admitsFromOtherNamespace(destination, target.protocol(), target.port())) {
                    return true;
                }
                continue;
            }
            for (PodClass source : known) {
                if (reachability.between(source, destination).allows(target.protocol(), target.port())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The ingress controller and gateway pod classes of the inventory; empty when it holds none. */
    private List<PodClass> controllers() {
        if (controllers == null) {
            controllers = reachability.classes().stream().filter(c -> c.pods().stream().anyMatch(p ->
                    CONTROLLER.matcher(p.workload().name()).find() || CONTROLLER.matcher(p.namespace()).find()
                            || CONTROLLER.matcher(p.labels().getOrDefault("app.kubernetes.io/name",
                            p.labels().getOrDefault("app", ""))).find())).toList();
        }
        return controllers;
    }

    private List<Service> services(String namespace, List<String> names) {
        return servicesByNamespace.getOrDefault(namespace, List.of()).stream()
                .filter(s -> names.contains(s.getMetadata().getName())).toList();
    }

    /** The pods a Service sends to, with each service port's target port resolved (named ports by container). */
    private List<Target> targets(Service service) {
        if (service.getSpec() == null || service.getSpec().getSelector() == null || service.getSpec().getPorts() == null) {
            return List.of();
        }
        String namespace = service.getMetadata().getNamespace();
        List<Target> targets = new ArrayList<>();
        for (Workload workload : workloadsByNamespace.getOrDefault(namespace, List.of())) {
            if (!Selectors.matchesMap(service.getSpec().getSelector(), workload.podLabels())) {
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                Protocol protocol = Protocol.parse(port.getProtocol()).orElse(Protocol.TCP);
                int servicePort = port.getPort() == null ? 0 : port.getPort();
                targetPort(workload, port, protocol).ifPresent(p -> targets.add(new Target(workload, protocol,
                        servicePort, p)));
            }
        }
        return targets;
    }

    private static java.util.Optional<Integer> targetPort(Workload workload, ServicePort port, Protocol protocol) {
        IntOrString target = port.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return java.util.Optional.ofNullable(port.getPort());
        }
        if (target.getIntVal() != null) {
            return java.util.Optional.of(target.getIntVal());
        }
        return workload.containers().stream().filter(c -> c.spec().getPorts() != null)
                .flatMap(c -> c.spec().getPorts().stream())
                .filter(p -> target.getStrVal().equals(p.getName()) && p.getContainerPort() != null
                        && Protocol.parse(p.getProtocol()).orElse(Protocol.TCP) == protocol)
                .map(p -> p.getContainerPort()).findFirst();
    }
}
