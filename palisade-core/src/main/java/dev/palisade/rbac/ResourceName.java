package dev.palisade.rbac;

import java.util.Map;

/**
 * Parses what kubectl accepts as a resource: {@code pods}, {@code pods/exec}, {@code deployments.apps},
 * {@code gateways.gateway.networking.k8s.io}, or a non-resource URL ({@code /healthz}). Without a group,
 * built-in resources get their group from a table, as kubectl would through discovery; others are core.
 */
public record ResourceName(String group, String resource, String subresource, String path) {

    private static final Map<String, String> BUILT_IN_GROUPS = Map.ofEntries(
            Map.entry("deployments", "apps"), Map.entry("replicasets", "apps"), Map.entry("statefulsets", "apps"),
            Map.entry("daemonsets", "apps"), Map.entry("controllerrevisions", "apps"),
            Map.entry("jobs", "batch"), Map.entry("cronjobs", "batch"),
            Map.entry("ingresses", "networking.k8s.io"), Map.entry("networkpolicies", "networking.k8s.io"),
            Map.entry("ingressclasses", "networking.k8s.io"),
            Map.entry("roles", "rbac.authorization.k8s.io"), Map.entry("rolebindings", "rbac.authorization.k8s.io"),
            Map.entry("clusterroles", "rbac.authorization.k8s.io"),
            Map.entry("clusterrolebindings", "rbac.authorization.k8s.io"),
            Map.entry("poddisruptionbudgets", "policy"), Map.entry("horizontalpodautoscalers", "autoscaling"),
            Map.entry("storageclasses", "storage.k8s.io"), Map.entry("volumeattachments", "storage.k8s.io"),
            Map.entry("csidrivers", "storage.k8s.io"), Map.entry("csinodes", "storage.k8s.io"),
            Map.entry("customresourcedefinitions", "apiextensions.k8s.io"),
            Map.entry("validatingwebhookconfigurations", "admissionregistration.k8s.io"),
            Map.entry("mutatingwebhookconfigurations", "admissionregistration.k8s.io"),
            Map.entry("validatingadmissionpolicies", "admissionregistration.k8s.io"),
            Map.entry("validatingadmissionpolicybindings", "admissionregistration.k8s.io"),
            Map.entry("certificatesigningrequests", "certificates.k8s.io"), Map.entry("leases", "coordination.k8s.io"),
            Map.entry("endpointslices", "discovery.k8s.io"), Map.entry("priorityclasses", "scheduling.k8s.io"),
            Map.entry("runtimeclasses", "node.k8s.io"), Map.entry("tokenreviews", "authentication.k8s.io"),
            Map.entry("subjectaccessreviews", "authorization.k8s.io"),
            Map.entry("selfsubjectaccessreviews", "authorization.k8s.io"),
            Map.entry("gateways", "gateway.networking.k8s.io"), Map.entry("httproutes", "gateway.networking.k8s.io"),
            Map.entry("gatewayclasses", "gateway.networking.k8s.io"));

    public static ResourceName parse(String text) {
        String value = text.trim();
        if (value.startsWith("/")) {
            return new ResourceName("", "", "", value);
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty resource");
        }
        String subresource = "";
        int slash = value.indexOf('/');
        if (slash >= 0) {
            subresource = value.substring(slash + 1);
            value = value.substring(0, slash);
        }
        int dot = value.indexOf('.');
        String resource = dot < 0 ? value : value.substring(0, dot);
        String group = dot < 0 ? BUILT_IN_GROUPS.getOrDefault(resource, "") : value.substring(dot + 1);
        return new ResourceName(group, resource, subresource, "");
    }

    public boolean nonResource() {
        return !path.isEmpty();
    }

    public Request request(String verb, String namespace, String name) {
        return nonResource() ? Request.nonResource(verb, path)
                : Request.resource(verb, group, resource, subresource, namespace, name);
    }
}
