package dev.palisade.policy;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Workload;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How a workload can be reached, StackRox's "Port Exposure Method": ROUTE, EXTERNAL, NODE, HOST, INTERNAL. */
public final class Exposure {

    private Exposure() {
    }

    static List<FieldValue> methods(Subject s) {
        Workload workload = s.workload();
        List<FieldValue> values = new ArrayList<>();
        List<Service> services = s.context().servicesSelecting(workload);
        Set<String> serviceNames = new LinkedHashSet<>();
        for (Service service : services) {
            String name = service.getMetadata().getName();
            serviceNames.add(name);
            String type = service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType();
            switch (type) {
                case "LoadBalancer" -> values.add(FieldValue.of("EXTERNAL", "", "is exposed by LoadBalancer Service " + name));
                case "NodePort" -> values.add(FieldValue.of("NODE", "", "is exposed on every node by NodePort Service " + name));
                default -> values.add(FieldValue.of("INTERNAL", "", "is reachable in the cluster through Service " + name));
            }
        }
        for (KubeObject object : s.context().inNamespace(workload.namespace(), "Ingress")) {
            if (object.resource() instanceof Ingress ingress && ingress.getSpec() != null
                    && ingressBackends(ingress).stream().anyMatch(serviceNames::contains)) {
                values.add(FieldValue.of("ROUTE", "", "is exposed by Ingress " + object.ref().name()));
            }
        }
        for (KubeObject object : s.context().snapshot().ofKind("HTTPRoute")) {
            if (object.resource() instanceof HTTPRoute route && route.getSpec() != null && route.getSpec().getRules() != null
                    && route.getSpec().getRules().stream().filter(r -> r.getBackendRefs() != null)
                    .flatMap(r -> r.getBackendRefs().stream())
                    .anyMatch(b -> (b.getKind() == null || b.getKind().equals("Service"))
                            && serviceNames.contains(b.getName())
                            && workload.namespace().equals(b.getNamespace() == null ? object.ref().namespace() : b.getNamespace()))) {
                values.add(FieldValue.of("ROUTE", "", "is exposed by HTTPRoute " + object.ref().namespace() + "/"
                        + object.ref().name()));
            }
        }
        if (workload.hostNetwork()) {
            values.add(FieldValue.of("HOST", "hostNetwork", "listens on the node's network (hostNetwork)"));
        } else if (workload.containers().stream().anyMatch(c -> c.spec().getPorts() != null
                && c.spec().getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() > 0))) {
            values.add(FieldValue.of("HOST", "", "opens a port on the node (hostPort)"));
        }
        return values;
    }

    /** Names of the Services an Ingress routes to. */
    public static List<String> ingressBackends(Ingress ingress) {
        List<IngressBackend> backends = new ArrayList<>();
        if (ingress.getSpec().getDefaultBackend() != null) {
            backends.add(ingress.getSpec().getDefaultBackend());
        }
        if (ingress.getSpec().getRules() != null) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (rule.getHttp() != null && rule.getHttp().getPaths() != null) {
                    for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                        backends.add(path.getBackend());
                    }
                }
            }
        }
        return backends.stream().filter(b -> b != null && b.getService() != null)
                .map(b -> b.getService().getName()).distinct().toList();
    }
}
