package dev.palisade.policy;

import java.util.List;
import java.util.Locale;

/** The kind of subject a policy looks at; each has its own fields. */
public enum Target {
    WORKLOAD(List.of()),
    SERVICE(List.of("Service")),
    INGRESS(List.of("Ingress")),
    HTTPROUTE(List.of("HTTPRoute")),
    NAMESPACE(List.of("Namespace")),
    CONFIGMAP(List.of("ConfigMap")),
    NETWORKPOLICY(List.of("NetworkPolicy")),
    ROLEBINDING(List.of("RoleBinding", "ClusterRoleBinding"));

    /** The object kinds this target covers (workloads are derived, not a kind). */
    public final List<String> kinds;

    Target(List<String> kinds) {
        this.kinds = kinds;
    }

    /** {@code workload}, {@code container} (a workload policy about containers), {@code service}, ... */
    public static Target parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (value.equals("CONTAINER")) {
            return WORKLOAD;
        }
        for (Target target : values()) {
            if (target.name().equals(value)) {
                return target;
            }
        }
        throw new IllegalArgumentException("unknown target '" + text + "' (expected workload, container, service,"
                + " ingress, httproute, namespace, configmap, networkpolicy or rolebinding)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
