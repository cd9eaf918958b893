package dev.palisade.policy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Fields of objects other than workloads: Services, Ingresses, HTTPRoutes, namespaces, and so on. */
final class ObjectFields {

    private ObjectFields() {
    }

    private static Field field(Target target, String name, ValueType type, String description,
                               Function<dev.palisade.policy.Subject, List<FieldValue>> extractor) {
        return new Field(name, target, Field.Level.SUBJECT, type, description, extractor);
    }

    static List<Field> all() {
        List<Field> fields = new ArrayList<>();
        for (Target target : Target.values()) {
            if (target != Target.WORKLOAD) {
                fields.addAll(common(target));
            }
        }
        fields.addAll(service());
        fields.addAll(ingress());
        fields.addAll(namespace());
        fields.addAll(configMap());
        fields.addAll(networkPolicy());
        fields.addAll(roleBinding());
        return fields;
    }

    /** Name, namespace, labels and annotations, for every object target. */
    private static List<Field> common(Target target) {
        return List.of(
                field(target, "Name", ValueType.STRING, "the object's name",
                        s -> List.of(FieldValue.of(s.ref().name(), "metadata.name", s.ref().name()))),
                field(target, "Namespace", ValueType.STRING, "the object's namespace (empty for cluster-scoped objects)",
                        s -> List.of(FieldValue.of(s.ref().namespace(), "metadata.namespace",
                                "in namespace " + s.ref().namespace()))),
                field(target, "Label", ValueType.KEY_VALUE, "labels (key=value)",
                        s -> WorkloadFields.keyValues(s.labels(), "metadata.labels", "label")),
                field(target, "Annotation", ValueType.KEY_VALUE, "annotations (key=value)",
                        s -> WorkloadFields.keyValues(s.annotations(), "metadata.annotations", "annotation")),
                field(target, "System Namespace", ValueType.BOOLEAN, "the object is in (or is) a configured system"
                        + " namespace", s -> {
                            String namespace = target == Target.NAMESPACE ? s.ref().name() : s.ref().namespace();
                            return List.of(FieldValue.bool(s.context().systemNamespace(namespace), "",
                                    "is in system namespace " + namespace, "is in application namespace " + namespace));
                        }));
    }

    private static <T> T as(dev.palisade.policy.Subject s, Class<T> type) {
        return s.object().as(type).orElse(null);
    }

    // ---- Service ----

    private static List<Field> service() {
        return List.of(
                field(Target.SERVICE, "Service Type", ValueType.STRING, "ClusterIP, NodePort, LoadBalancer or ExternalName",
                        s -> {
                            Service service = as(s, Service.class);
                            String type = service == null || service.getSpec() == null || service.getSpec().getType() == null
                                    ? "ClusterIP" : service.getSpec().getType();
                            String text = switch (type) {
                                case "NodePort" -> "NodePort Service opens " + nodePorts(service)
                                        + " on every node; it reaches " + backends(s, service);
                                case "LoadBalancer" -> "LoadBalancer Service exposes " + ports(service)
                                        + " outside the cluster; it reaches " + backends(s, service);
                                case "ExternalName" -> "ExternalName Service points to "
                                        + service.getSpec().getExternalName();
                                default -> type + " Service serves " + ports(service);
                            };
                            return List.of(FieldValue.of(type, "spec.type", text));
                        }),
                field(Target.SERVICE, "Service Port", ValueType.NUMBER, "port of each Service port",
                        s -> servicePorts(s).stream().map(p -> FieldValue.of(String.valueOf(p.getPort()),
                                "spec.ports", "serves port " + p.getPort() + "/" + protocol(p))).toList()),
                field(Target.SERVICE, "Node Port", ValueType.NUMBER, "nodePort of each Service port that has one",
                        s -> servicePorts(s).stream().filter(p -> p.getNodePort() != null)
                                .map(p -> FieldValue.of(String.valueOf(p.getNodePort()), "spec.ports",
                                        "opens node port " + p.getNodePort() + "/" + protocol(p))).toList()),
                field(Target.SERVICE, "External IP", ValueType.STRING, "each entry of spec.externalIPs",
                        s -> {
                            Service service = as(s, Service.class);
                            List<String> ips = service == null || service.getSpec() == null
                                    || service.getSpec().getExternalIPs() == null ? List.of() : service.getSpec().getExternalIPs();
                            return ips.stream().map(ip -> FieldValue.of(ip, "spec.externalIPs", "is reachable at external IP "
                                    + ip + " (" + ports(service) + ", reaching " + backends(s, service) + ")")).toList();
                        }),
                field(Target.SERVICE, "Open To Any Source", ValueType.BOOLEAN, "a LoadBalancer with no"
                        + " loadBalancerSourceRanges, or one that includes 0.0.0.0/0 or ::/0 (false for other types)",
                        s -> {
                            Service service = as(s, Service.class);
                            boolean balancer = service != null && service.getSpec() != null
                                    && "LoadBalancer".equals(service.getSpec().getType());
                            List<String> ranges = balancer && service.getSpec().getLoadBalancerSourceRanges() != null
                                    ? service.getSpec().getLoadBalancerSourceRanges() : List.of();
                            String annotation = s.annotations().get("service.beta.kubernetes.io/load-balancer-source-ranges");
                            if (ranges.isEmpty() && annotation != null) {
                                ranges = List.of(annotation.split(","));
                            }
                            boolean open = balancer && (ranges.isEmpty()
                                    || ranges.stream().anyMatch(r -> r.trim().endsWith("/0")));
                            return List.of(FieldValue.bool(open, "spec.loadBalancerSourceRanges", open
                                    ? "LoadBalancer Service exposes " + ports(service) + " to any source; it reaches "
                                            + backends(s, service) : "", "is not open to any source"));
                        }));
    }

    private static List<ServicePort> servicePorts(dev.palisade.policy.Subject s) {
        Service service = as(s, Service.class);
        return service == null || service.getSpec() == null || service.getSpec().getPorts() == null ? List.of()
                : service.getSpec().getPorts();
    }

    private static String protocol(ServicePort port) {
        return port.getProtocol() == null ? "TCP" : port.getProtocol();
    }

    private static String ports(Service service) {
        if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null
                || service.getSpec().getPorts().isEmpty()) {
            return "no ports";
        }
        return String.join(", ", service.getSpec().getPorts().stream()
                .map(p -> p.getPort() + "/" + protocol(p)).toList());
    }

    private static String nodePorts(Service service) {
        return String.join(", ", service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts().stream()
                .map(p -> (p.getNodePort() == null ? "auto" : String.valueOf(p.getNodePort())) + "/" + protocol(p))
                .toList());
    }

    /** The workloads a Service reaches, for messages. */
    static String backends(dev.palisade.policy.Subject s, Service service) {
        Map<String, String> selector = service == null || service.getSpec() == null ? null : service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return "(no selector: endpoints managed elsewhere)";
        }
        var workloads = s.context().workloadsSelected(s.ref().namespace(), selector);
        return workloads.isEmpty() ? "(no workload matches the selector)"
                : String.join(", ", workloads.stream().map(w -> w.ref().kind() + " " + w.name()).toList());
    }

    // ---- Ingress and HTTPRoute ----

    private static List<Field> ingress() {
        return List.of(
                field(Target.INGRESS, "Ingress Host", ValueType.STRING, "each host an Ingress serves (* for rules"
                        + " without host and the default backend)", s -> ingressHosts(s).stream()
                        .map(h -> FieldValue.of(h, "spec.rules", "serves " + h + " from outside the cluster, reaching "
                                + ingressTargets(s))).toList()),
                field(Target.INGRESS, "Host Without TLS", ValueType.STRING, "each host served over plain HTTP: not"
                        + " covered by a spec.tls entry (wildcards cover one label; an entry without hosts covers *)",
                        s -> {
                            Ingress ingress = as(s, Ingress.class);
                            List<IngressTLS> tls = ingress == null || ingress.getSpec() == null
                                    || ingress.getSpec().getTls() == null ? List.of() : ingress.getSpec().getTls();
                            return ingressHosts(s).stream().filter(h -> !coveredByTls(h, tls))
                                    .map(h -> FieldValue.of(h, "spec.tls", "Ingress serves " + h + " over plain HTTP"))
                                    .toList();
                        }),
                field(Target.INGRESS, "Ingress Class", ValueType.STRING, "spec.ingressClassName; empty when unset",
                        s -> {
                            Ingress ingress = as(s, Ingress.class);
                            String name = ingress == null || ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
                            return List.of(FieldValue.of(Objects.toString(name, ""), "spec.ingressClassName",
                                    "uses ingress class " + name));
                        }),
                field(Target.HTTPROUTE, "Parent Gateway", ValueType.STRING, "namespace/name of each Gateway the"
                        + " route attaches to (parentRefs of kind Gateway, the default kind)", s -> {
                            HTTPRoute route = as(s, HTTPRoute.class);
                            if (route == null || route.getSpec() == null || route.getSpec().getParentRefs() == null) {
                                return List.of();
                            }
                            return route.getSpec().getParentRefs().stream()
                                    .filter(p -> p.getKind() == null || p.getKind().equals("Gateway"))
                                    .map(p -> (p.getNamespace() == null ? s.ref().namespace() : p.getNamespace()) + "/" + p.getName())
                                    .map(g -> FieldValue.of(g, "spec.parentRefs", "attaches to Gateway " + g))
                                    .toList();
                        }),
                field(Target.HTTPROUTE, "Route Hostname", ValueType.STRING, "each hostname of an HTTPRoute (* when"
                        + " none)", s -> {
                            HTTPRoute route = as(s, HTTPRoute.class);
                            List<String> names = route == null || route.getSpec() == null || route.getSpec().getHostnames() == null
                                    || route.getSpec().getHostnames().isEmpty() ? List.of("*") : route.getSpec().getHostnames();
                            String gateways = route == null || route.getSpec() == null || route.getSpec().getParentRefs() == null
                                    ? "" : String.join(", ", route.getSpec().getParentRefs().stream()
                                    .map(p -> "Gateway " + (p.getNamespace() == null ? s.ref().namespace() : p.getNamespace())
                                            + "/" + p.getName()).toList());
                            return names.stream().map(h -> FieldValue.of(h, "spec.hostnames", "serves " + h
                                    + (gateways.isEmpty() ? "" : " through " + gateways))).toList();
                        }));
    }

    private static List<String> ingressHosts(dev.palisade.policy.Subject s) {
        Ingress ingress = as(s, Ingress.class);
        if (ingress == null || ingress.getSpec() == null) {
            return List.of();
        }
        List<String> hosts = new ArrayList<>();
        if (ingress.getSpec().getDefaultBackend() != null) {
            hosts.add("*");
        }
        if (ingress.getSpec().getRules() != null) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                hosts.add(rule.getHost() == null || rule.getHost().isEmpty() ? "*" : rule.getHost());
            }
        }
        return hosts.stream().distinct().toList();
    }

    private static String ingressTargets(dev.palisade.policy.Subject s) {
        Ingress ingress = as(s, Ingress.class);
        List<String> services = ingress == null || ingress.getSpec() == null ? List.of() : Exposure.ingressBackends(ingress);
        return services.isEmpty() ? "no Service" : "Service " + String.join(", ", services);
    }

    /** Whether a TLS entry covers a host: by name, by a one-label wildcard, or (for *) by an entry without hosts. */
    static boolean coveredByTls(String host, List<IngressTLS> tls) {
        String name = host.toLowerCase(Locale.ROOT);
        for (IngressTLS entry : tls) {
            List<String> hosts = entry.getHosts() == null ? List.of() : entry.getHosts();
            if (name.equals("*")) {
                if (hosts.isEmpty()) {
                    return true;
                }
                continue;
            }
            for (String tlsHost : hosts) {
                String pattern = tlsHost.toLowerCase(Locale.ROOT);
                if (pattern.equals(name) || (pattern.startsWith("*.") && name.endsWith(pattern.substring(1))
                        && name.indexOf('.') == name.length() - pattern.length() + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- Namespace ----

    private static List<Field> namespace() {
        return List.of(
                has("Has LimitRange", "LimitRange"),
                has("Has ResourceQuota", "ResourceQuota"),
                has("Has Network Policy", "NetworkPolicy"),
                field(Target.NAMESPACE, "Workload Count", ValueType.NUMBER, "workloads in the namespace",
                        s -> {
                            long count = s.context().workloadCount(s.ref().name());
                            return List.of(FieldValue.of(String.valueOf(count), "", "holds "
                                    + dev.palisade.scan.Text.count(count, "workload")));
                        }),
                podSecurityLevel("enforce"),
                podSecurityLevel("audit"),
                podSecurityLevel("warn"));
    }

    private static Field has(String name, String kind) {
        return field(Target.NAMESPACE, name, ValueType.BOOLEAN, "the namespace holds a " + kind,
                s -> List.of(FieldValue.bool(!s.context().inNamespace(s.ref().name(), kind).isEmpty(), "",
                        "has a " + kind, "has no " + kind)));
    }

    private static Field podSecurityLevel(String mode) {
        String label = "pod-security.kubernetes.io/" + mode;
        String name = "Pod Security " + mode.substring(0, 1).toUpperCase(Locale.ROOT) + mode.substring(1) + " Level";
        return field(Target.NAMESPACE, name, ValueType.STRING, "label " + label + " (privileged, baseline, restricted);"
                + " empty when unset", s -> {
                    String level = s.labels().getOrDefault(label, "");
                    return List.of(FieldValue.of(level, "metadata.labels", level.isEmpty()
                            ? "has no " + label + " label" : "has " + label + "=" + level));
                });
    }

    // ---- ConfigMap ----

    private static List<Field> configMap() {
        return List.of(
                field(Target.CONFIGMAP, "Data Key", ValueType.STRING, "each key of data and binaryData",
                        s -> {
                            ConfigMap map = as(s, ConfigMap.class);
                            List<FieldValue> keys = new ArrayList<>();
                            if (map != null && map.getData() != null) {
                                map.getData().keySet().forEach(k -> keys.add(FieldValue.of(k, "data." + k, "holds key " + k)));
                            }
                            if (map != null && map.getBinaryData() != null) {
                                map.getBinaryData().keySet().forEach(k -> keys.add(FieldValue.of(k, "binaryData." + k,
                                        "holds binary key " + k)));
                            }
                            return keys;
                        }),
                field(Target.CONFIGMAP, "Credential-Like Data", ValueType.STRING, "keys whose value looks like a"
                        + " credential (private key, token, cloud key, password URL); values are never shown",
                        s -> {
                            ConfigMap map = as(s, ConfigMap.class);
                            if (map == null || map.getData() == null) {
                                return List.of();
                            }
                            return map.getData().entrySet().stream()
                                    .filter(e -> e.getValue() != null && Credentials.looksLikeCredential(e.getValue()))
                                    .map(e -> FieldValue.of(e.getKey(), "data." + e.getKey(), "key " + e.getKey()
                                            + " holds a value that looks like a credential"))
                                    .toList();
                        }));
    }

    // ---- NetworkPolicy ----

    private static List<Field> networkPolicy() {
        return List.of(
                field(Target.NETWORKPOLICY, "Egress CIDR", ValueType.STRING, "each ipBlock cidr egress rules allow"
                        + " (an egress rule with no 'to' allows 0.0.0.0/0 and ::/0)",
                        s -> egressCidrs(s).stream().map(c -> FieldValue.of(c.cidr(), "spec.egress", c.text())).toList()),
                field(Target.NETWORKPOLICY, "Egress Reaches Metadata Endpoint", ValueType.BOOLEAN, "egress is allowed"
                        + " to 169.254.169.254 (cloud instance metadata)",
                        s -> List.of(FieldValue.bool(egressCidrs(s).stream().anyMatch(c -> c.allows("169.254.169.254")),
                                "spec.egress", "allows egress to the cloud metadata endpoint 169.254.169.254",
                                "blocks the cloud metadata endpoint"))),
                field(Target.NETWORKPOLICY, "Egress Reaches Metadata Endpoint Over HTTP", ValueType.BOOLEAN,
                        "one egress rule allows both a metadata address (169.254.169.254, or AWS's fd00:ec2::254) and"
                        + " TCP port 80, where instance metadata services listen: the port itself, a range holding"
                        + " it, or every port", s -> {
                            NetworkPolicy policy = as(s, NetworkPolicy.class);
                            List<NetworkPolicyEgressRule> rules = policy == null || policy.getSpec() == null
                                    || policy.getSpec().getEgress() == null ? List.of() : policy.getSpec().getEgress();
                            for (int i = 0; i < rules.size(); i++) {
                                NetworkPolicyEgressRule rule = rules.get(i);
                                boolean address = ruleCidrs(rule).stream().anyMatch(c -> METADATA_ADDRESSES.stream()
                                        .anyMatch(c::allows));
                                if (address && allowsTcpPort(rule, 80)) {
                                    return List.of(FieldValue.of("true", "spec.egress[" + i + "]", "allows egress to"
                                            + " the cloud metadata endpoint on port 80 (spec.egress[" + i + "])"));
                                }
                            }
                            return List.of(FieldValue.of("false", "spec.egress",
                                    "allows no HTTP egress to the cloud metadata endpoint"));
                        }),
                field(Target.NETWORKPOLICY, "Egress To Kubelet Port", ValueType.STRING, "how an egress rule allows"
                        + " TCP port 10250 (the kubelet API of the nodes) beyond pod selectors: PORT (it names the port,"
                        + " or a range holding it, for an ipBlock or every address), ANY (every port to every address:"
                        + " no 'to', or an ipBlock ending in /0 without except), IP_BLOCK (every port to another ipBlock,"
                        + " which may or may not hold node addresses); no value when no rule allows it", s -> {
                            NetworkPolicy policy = as(s, NetworkPolicy.class);
                            List<NetworkPolicyEgressRule> rules = policy == null || policy.getSpec() == null
                                    || policy.getSpec().getEgress() == null ? List.of() : policy.getSpec().getEgress();
                            List<FieldValue> values = new ArrayList<>();
                            for (int i = 0; i < rules.size(); i++) {
                                String how = kubeletEgress(rules.get(i));
                                if (how != null) {
                                    String path = "spec.egress[" + i + "]";
                                    values.add(FieldValue.of(how, path, switch (how) {
                                        case "PORT" -> "allows egress to port 10250, the kubelet API (" + path + ")";
                                        case "ANY" -> "allows egress to every port of every address, the kubelet API"
                                                + " of the nodes included (" + path + ")";
                                        default -> "allows egress to every port of an address block that may hold"
                                                + " the nodes' kubelet API (" + path + ")";
                                    }));
                                }
                            }
                            return values;
                        }),
                field(Target.NETWORKPOLICY, "Egress Port", ValueType.NUMBER, "each port egress rules allow (0 when a"
                        + " rule allows every port)", s -> {
                            NetworkPolicy policy = as(s, NetworkPolicy.class);
                            List<FieldValue> values = new ArrayList<>();
                            if (policy == null || policy.getSpec() == null || policy.getSpec().getEgress() == null) {
                                return values;
                            }
                            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                                if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
                                    values.add(FieldValue.of("0", "spec.egress", "allows egress on every port"));
                                    continue;
                                }
                                for (NetworkPolicyPort port : rule.getPorts()) {
                                    if (port.getPort() == null) {
                                        values.add(FieldValue.of("0", "spec.egress", "allows egress on every "
                                                + (port.getProtocol() == null ? "TCP" : port.getProtocol()) + " port"));
                                    } else if (port.getPort().getIntVal() != null) {
                                        values.add(FieldValue.of(String.valueOf(port.getPort().getIntVal()), "spec.egress",
                                                "allows egress to port " + port.getPort().getIntVal()));
                                    }
                                }
                            }
                            return values;
                        }));
    }

    record AllowedCidr(String cidr, List<String> except, String text) {
        boolean allows(String ip) {
            return Cidrs.contains(cidr, ip) && except.stream().noneMatch(e -> Cidrs.contains(e, ip));
        }
    }

    private static List<AllowedCidr> egressCidrs(dev.palisade.policy.Subject s) {
        NetworkPolicy policy = as(s, NetworkPolicy.class);
        List<AllowedCidr> cidrs = new ArrayList<>();
        if (policy == null || policy.getSpec() == null || policy.getSpec().getEgress() == null) {
            return cidrs;
        }
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            cidrs.addAll(ruleCidrs(rule));
        }
        return cidrs;
    }

    /** Addresses where cloud instance metadata services answer (IPv4 everywhere, IPv6 on AWS Nitro). */
    private static final List<String> METADATA_ADDRESSES = List.of("169.254.169.254", "fd00:ec2::254");

    /** The kubelet API port on every node. */
    private static final int KUBELET_PORT = 10250;

    /** The address blocks one egress rule allows (a rule with no 'to' allows every address). */
    private static List<AllowedCidr> ruleCidrs(NetworkPolicyEgressRule rule) {
        List<AllowedCidr> cidrs = new ArrayList<>();
        if (rule.getTo() == null || rule.getTo().isEmpty()) {
            cidrs.add(new AllowedCidr("0.0.0.0/0", List.of(), "allows egress to any address"));
            cidrs.add(new AllowedCidr("::/0", List.of(), "allows egress to any address"));
            return cidrs;
        }
        for (NetworkPolicyPeer peer : rule.getTo()) {
            IPBlock block = peer.getIpBlock();
            if (block != null && block.getCidr() != null) {
                List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
                cidrs.add(new AllowedCidr(block.getCidr(), except, "allows egress to " + block.getCidr()
                        + (except.isEmpty() ? "" : " except " + String.join(", ", except))));
            }
        }
        return cidrs;
    }

    /** How one egress rule allows the kubelet port (see the field "Egress To Kubelet Port"), or null. */
    private static String kubeletEgress(NetworkPolicyEgressRule rule) {
        boolean anywhere = rule.getTo() == null || rule.getTo().isEmpty();
        boolean anyBlock = false;
        boolean wholeBlock = false;
        for (NetworkPolicyPeer peer : anywhere ? List.<NetworkPolicyPeer>of() : rule.getTo()) {
            IPBlock block = peer.getIpBlock();
            if (block != null && block.getCidr() != null) {
                anyBlock = true;
                wholeBlock |= block.getCidr().trim().endsWith("/0")
                        && (block.getExcept() == null || block.getExcept().isEmpty());
            }
        }
        if (!anywhere && !anyBlock || !allowsTcpPort(rule, KUBELET_PORT)) {
            return null;
        }
        boolean everyPort = rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream()
                .anyMatch(p -> p.getPort() == null && (p.getProtocol() == null || p.getProtocol().equalsIgnoreCase("TCP")));
        if (!everyPort) {
            return "PORT";
        }
        return anywhere || wholeBlock ? "ANY" : "IP_BLOCK";
    }

    /**
     * Whether an egress rule allows a TCP port: no ports listed, an entry without a port (every port of its
     * protocol), the number itself, or a range (port to endPort) holding it. Named ports name pod ports, so
     * they never reach an address outside the cluster.
     */
    private static boolean allowsTcpPort(NetworkPolicyEgressRule rule, int number) {
        if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort port : rule.getPorts()) {
            if (port.getProtocol() != null && !port.getProtocol().equalsIgnoreCase("TCP")) {
                continue;
            }
            if (port.getPort() == null) {
                return true;
            }
            Integer first = port.getPort().getIntVal();
            if (first == null) {
                continue;
            }
            int last = port.getEndPort() == null ? first : port.getEndPort();
            if (first <= number && number <= last) {
                return true;
            }
        }
        return false;
    }

    // ---- RoleBinding and ClusterRoleBinding ----

    private static List<Field> roleBinding() {
        return List.of(
                field(Target.ROLEBINDING, "Role Name", ValueType.STRING, "roleRef.name",
                        s -> roleRef(s) == null ? List.of() : List.of(FieldValue.of(roleRef(s).getName(), "roleRef.name",
                                "grants " + roleRef(s).getKind() + " " + roleRef(s).getName() + " to " + subjects(s)))),
                field(Target.ROLEBINDING, "Role Kind", ValueType.STRING, "roleRef.kind (Role or ClusterRole)",
                        s -> roleRef(s) == null ? List.of() : List.of(FieldValue.of(roleRef(s).getKind(), "roleRef.kind",
                                "refers to a " + roleRef(s).getKind()))),
                field(Target.ROLEBINDING, "Binding Subject", ValueType.STRING, "each subject as Kind:namespace/name"
                        + " (Kind:name for users and groups)", s -> bindingSubjects(s).stream()
                        .map(x -> FieldValue.of(subjectText(x), "subjects", "binds " + subjectText(x))).toList()));
    }

    private static RoleRef roleRef(dev.palisade.policy.Subject s) {
        Object resource = s.object().resource();
        if (resource instanceof RoleBinding binding) {
            return binding.getRoleRef();
        }
        if (resource instanceof ClusterRoleBinding binding) {
            return binding.getRoleRef();
        }
        return null;
    }

    private static List<Subject> bindingSubjects(dev.palisade.policy.Subject s) {
        Object resource = s.object().resource();
        List<Subject> subjects = resource instanceof RoleBinding b ? b.getSubjects()
                : resource instanceof ClusterRoleBinding b ? b.getSubjects() : null;
        return subjects == null ? List.of() : subjects;
    }

    private static String subjects(dev.palisade.policy.Subject s) {
        List<Subject> subjects = bindingSubjects(s);
        return subjects.isEmpty() ? "no subject" : String.join(", ", subjects.stream().map(ObjectFields::subjectText).toList());
    }

    private static String subjectText(Subject subject) {
        return subject.getKind() + ":" + (subject.getNamespace() == null || subject.getNamespace().isEmpty()
                ? "" : subject.getNamespace() + "/") + subject.getName();
    }

}
