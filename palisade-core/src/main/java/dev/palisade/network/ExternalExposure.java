package dev.palisade.network;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Check;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Question 7: which services are exposed outside the cluster, through what, and which workloads they
 * reach: LoadBalancer and NodePort Services, Service externalIPs, Ingresses, Gateway API HTTPRoutes, and
 * pods on the host network or with host ports.
 */
public final class ExternalExposure implements Analysis {

    static final Check LOAD_BALANCER = new Check("service-load-balancer-open", "LoadBalancer Service open to any"
            + " source", Severity.MEDIUM, "Put the workload behind the Ingress controller, make the Service"
            + " ClusterIP, or restrict who may connect with spec.loadBalancerSourceRanges.",
            Map.of("stackrox", "Port Exposure Method"));
    static final Check NODE_PORT = new Check("service-node-port", "NodePort Service", Severity.LOW,
            "Expose the workload through an Ingress or Gateway instead of a port on every node.",
            Map.of("kube-score", "service-type"));
    static final Check INGRESS_NO_TLS = new Check("ingress-without-tls", "Ingress serves hosts without TLS",
            Severity.MEDIUM, "Add a spec.tls entry with a certificate for every host the Ingress serves.",
            Map.of());

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config) {
        Table.Builder table = new Table.Builder("exposure", "object", "ports / hosts", "reaches", "note");
        List<Finding> findings = new ArrayList<>();
        int exposures = 0;
        for (KubeObject object : snapshot.ofKind("Service")) {
            exposures += services(snapshot, object, table, findings);
        }
        for (KubeObject object : snapshot.ofKind("Ingress")) {
            exposures += ingress(snapshot, object, table, findings);
        }
        for (KubeObject object : snapshot.ofKind("HTTPRoute")) {
            exposures += httpRoute(snapshot, object, table);
        }
        for (Workload workload : snapshot.workloads()) {
            exposures += host(workload, table);
        }
        String summary = exposures == 0 ? "Nothing is exposed outside the cluster."
                : Text.count(exposures, "way") + " into the cluster from outside (" + findings.size()
                + " flagged as findings).";
        Answer answer = new Answer(7, "Which services are exposed outside the cluster?", Answer.Status.ANSWERED,
                summary, table.build(), "");
        return new Result(findings, List.of(answer));
    }

    private static int services(Snapshot snapshot, KubeObject object, Table.Builder table, List<Finding> findings) {
        if (!(object.resource() instanceof Service service) || service.getSpec() == null) {
            return 0;
        }
        ServiceSpec spec = service.getSpec();
        String type = spec.getType() == null ? "ClusterIP" : spec.getType();
        String reaches = describe(selectedWorkloads(snapshot, object.ref().namespace(), spec.getSelector()),
                spec.getSelector());
        String name = "Service " + object.ref().namespace() + "/" + object.ref().name();
        int count = 0;
        if (type.equals("LoadBalancer") || type.equals("NodePort")) {
            boolean balancer = type.equals("LoadBalancer");
            List<String> sources = spec.getLoadBalancerSourceRanges();
            boolean open = balancer && (sources == null || sources.isEmpty()
                    || sources.stream().anyMatch(ExternalExposure::everyAddress));
            String note = balancer ? (open ? "open to any source" : "sources: " + String.join(", ", sources)) : "";
            table.row(type, name, ports(spec.getPorts(), balancer), reaches, note);
            count++;
            if (open) {
                findings.add(LOAD_BALANCER.finding(object.ref(), object.source(), "LoadBalancer Service exposes "
                        + ports(spec.getPorts(), true) + " to any source; it reaches " + reaches));
            } else if (!balancer) {
                findings.add(NODE_PORT.finding(object.ref(), object.source(), "NodePort Service opens "
                        + ports(spec.getPorts(), false) + " on every node; it reaches " + reaches));
            }
        }
        if (spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty()) {
            table.row("externalIPs", name, String.join(", ", spec.getExternalIPs()) + " " + ports(spec.getPorts(), true),
                    reaches, "");
            count++;
        }
        return count;
    }

    /** {@code 0.0.0.0/0} or {@code ::/0}: a source range that restricts nothing. */
    private static boolean everyAddress(String range) {
        return range.trim().endsWith("/0");
    }

    private static String ports(List<ServicePort> ports, boolean servicePorts) {
        if (ports == null || ports.isEmpty()) {
            return "(no ports)";
        }
        return ports.stream().map(p -> {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            Integer number = servicePorts ? p.getPort() : p.getNodePort();
            return (number == null ? "auto" : String.valueOf(number)) + "/" + protocol;
        }).collect(Collectors.joining(", "));
    }

    private static int ingress(Snapshot snapshot, KubeObject object, Table.Builder table, List<Finding> findings) {
        if (!(object.resource() instanceof Ingress ingress) || ingress.getSpec() == null) {
            return 0;
        }
        String namespace = object.ref().namespace();
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> reaches = new LinkedHashSet<>();
        List<IngressBackend> backends = new ArrayList<>();
        if (ingress.getSpec().getDefaultBackend() != null) {
            backends.add(ingress.getSpec().getDefaultBackend());
            hosts.add("*");
        }
        for (IngressRule rule : orEmpty(ingress.getSpec().getRules())) {
            String host = rule.getHost() == null ? "*" : rule.getHost();
            if (rule.getHttp() == null) {
                hosts.add(host);
                continue;
            }
            for (HTTPIngressPath path : orEmpty(rule.getHttp().getPaths())) {
                hosts.add(host + (path.getPath() == null ? "" : path.getPath()));
                backends.add(path.getBackend());
            }
        }
        for (IngressBackend backend : backends) {
            if (backend != null && backend.getService() != null) {
                reaches.add(serviceTarget(snapshot, namespace, backend.getService().getName()));
            }
        }
        List<IngressTLS> tls = orEmpty(ingress.getSpec().getTls());
        boolean anyTls = !tls.isEmpty();
        List<String> plain = orEmpty(ingress.getSpec().getRules()).stream().map(IngressRule::getHost)
                .filter(host -> !coveredByTls(host, tls)).map(host -> host == null ? "*" : host).distinct().toList();
        String note = !anyTls ? "no TLS" : plain.isEmpty() ? "TLS" : "no TLS for " + String.join(", ", plain);
        String className = ingress.getSpec().getIngressClassName();
        if (className != null) {
            note += (note.isEmpty() ? "" : "; ") + "class " + className;
        }
        table.row("Ingress", "Ingress " + namespace + "/" + object.ref().name(), String.join(", ", hosts),
                String.join("; ", reaches), note);
        if (!anyTls || !plain.isEmpty()) {
            findings.add(INGRESS_NO_TLS.finding(object.ref(), object.source(), "Ingress serves "
                    + (anyTls ? String.join(", ", plain) : String.join(", ", hosts)) + " over plain HTTP"));
        }
        return 1;
    }

    /**
     * Whether a TLS entry serves the rule's host: by name, by a one-label wildcard ({@code *.example.com}), or,
     * for a rule without host, by an entry without hosts (which applies to the catch-all).
     */
    private static boolean coveredByTls(String host, List<IngressTLS> tls) {
        for (IngressTLS entry : tls) {
            List<String> hosts = orEmpty(entry.getHosts());
            if (host == null) {
                if (hosts.isEmpty()) {
                    return true;
                }
                continue;
            }
            for (String tlsHost : hosts) {
                String name = host.toLowerCase(java.util.Locale.ROOT);
                String pattern = tlsHost.toLowerCase(java.util.Locale.ROOT);
                if (pattern.equals(name) || (pattern.startsWith("*.") && name.endsWith(pattern.substring(1))
                        && name.indexOf('.') == name.length() - pattern.length() + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int httpRoute(Snapshot snapshot, KubeObject object, Table.Builder table) {
        if (!(object.resource() instanceof HTTPRoute route) || route.getSpec() == null) {
            return 0;
        }
        String namespace = object.ref().namespace();
        List<String> gateways = new ArrayList<>();
        for (ParentReference parent : orEmpty(route.getSpec().getParentRefs())) {
            if (parent.getKind() != null && !parent.getKind().equals("Gateway")) {
                continue;
            }
            String gatewayNamespace = parent.getNamespace() == null ? namespace : parent.getNamespace();
            String listeners = snapshot.ofKind("Gateway", Gateway.class).stream()
                    .filter(g -> g.getMetadata().getName().equals(parent.getName())
                            && gatewayNamespace.equals(g.getMetadata().getNamespace()))
                    .filter(g -> g.getSpec() != null)
                    .flatMap(g -> orEmpty(g.getSpec().getListeners()).stream())
                    .map(l -> l.getProtocol() + "/" + l.getPort())
                    .distinct().collect(Collectors.joining(", "));
            gateways.add("Gateway " + gatewayNamespace + "/" + parent.getName()
                    + (listeners.isEmpty() ? " (not in inventory)" : " " + listeners));
        }
        if (gateways.isEmpty()) {
            return 0;
        }
        Set<String> reaches = new LinkedHashSet<>();
        for (HTTPRouteRule rule : orEmpty(route.getSpec().getRules())) {
            for (HTTPBackendRef backend : orEmpty(rule.getBackendRefs())) {
                if (backend.getKind() == null || backend.getKind().equals("Service")) {
                    String backendNamespace = backend.getNamespace() == null ? namespace : backend.getNamespace();
                    reaches.add(serviceTarget(snapshot, backendNamespace, backend.getName()));
                }
            }
        }
        String hosts = route.getSpec().getHostnames() == null || route.getSpec().getHostnames().isEmpty() ? "*"
                : String.join(", ", route.getSpec().getHostnames());
        table.row("HTTPRoute", "HTTPRoute " + namespace + "/" + object.ref().name(), hosts,
                String.join("; ", reaches), "via " + String.join(", ", gateways));
        return 1;
    }

    private static int host(Workload workload, Table.Builder table) {
        String name = workload.ref().kind() + " " + workload.namespace() + "/" + workload.name();
        if (workload.hostNetwork()) {
            table.row("hostNetwork", name, "every port the pod listens on", name, "shares the node's network");
            return 1;
        }
        List<String> hostPorts = new ArrayList<>();
        for (WorkloadContainer container : workload.containers()) {
            for (ContainerPort port : orEmpty(container.spec().getPorts())) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    hostPorts.add(port.getHostPort() + "/" + (port.getProtocol() == null ? "TCP" : port.getProtocol()));
                }
            }
        }
        if (hostPorts.isEmpty()) {
            return 0;
        }
        table.row("hostPort", name, String.join(", ", hostPorts), name, "port on the node");
        return 1;
    }

    private static String serviceTarget(Snapshot snapshot, String namespace, String serviceName) {
        return snapshot.ofKind("Service").stream()
                .filter(s -> s.ref().namespace().equals(namespace) && s.ref().name().equals(serviceName))
                .findFirst()
                .flatMap(s -> s.as(Service.class))
                .map(s -> "Service " + serviceName + " → " + describe(
                        selectedWorkloads(snapshot, namespace, s.getSpec() == null ? null : s.getSpec().getSelector()),
                        s.getSpec() == null ? null : s.getSpec().getSelector()))
                .orElse("Service " + serviceName + " (not in inventory)");
    }

    /** Workloads of the namespace whose pod labels carry every label of the selector. */
    static List<Workload> selectedWorkloads(Snapshot snapshot, String namespace, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return snapshot.workloads().stream()
                .filter(w -> w.namespace().equals(namespace))
                .filter(w -> w.podLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    private static String describe(List<Workload> workloads, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return "(no selector: endpoints managed elsewhere)";
        }
        if (workloads.isEmpty()) {
            return "(no workload matches the selector)";
        }
        return workloads.stream().map(w -> w.ref().kind() + " " + w.name()).collect(Collectors.joining(", "));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
