package dev.palisade.policy;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which objects a policy (or an exclusion) covers. Every part that is set must match; an empty scope covers
 * everything.
 *
 * @param cluster   regex on the cluster name
 * @param namespace regex on the namespace
 * @param name      regex on the object (workload) name
 * @param labels    labels the object must carry (values are exact)
 */
public record Scope(Pattern cluster, Pattern namespace, Pattern name, Map<String, String> labels) {

    public static final Scope ALL = new Scope(null, null, null, Map.of());

    public Scope {
        labels = Map.copyOf(labels);
    }

    public boolean covers(String clusterName, String objectNamespace, String objectName, Map<String, String> objectLabels) {
        return (cluster == null || cluster.matcher(clusterName).matches())
                && (namespace == null || namespace.matcher(objectNamespace).matches())
                && (name == null || name.matcher(objectName).matches())
                && objectLabels.entrySet().containsAll(labels.entrySet());
    }
}
