package dev.palisade.network;

import dev.palisade.inventory.Selectors;
import dev.palisade.network.NetworkModel.NetPod;
import dev.palisade.network.ParsedPolicy.PodPeer;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Selectors and peers in words, for findings and explanations; and the selector tests they share. */
final class Describe {

    private Describe() {
    }

    /** {@code {app=web, tier in (a,b)}}; {@code {}} selects everything. */
    static String selector(LabelSelector selector) {
        if (selector == null) {
            return "{}";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(selector.getMatchLabels() == null ? Map.<String, String>of() : selector.getMatchLabels())
                .forEach((k, v) -> parts.add(k + "=" + v));
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String values = requirement.getValues() == null ? "" : String.join(",", requirement.getValues());
                parts.add(switch (requirement.getOperator()) {
                    case "In" -> requirement.getKey() + " in (" + values + ")";
                    case "NotIn" -> requirement.getKey() + " notin (" + values + ")";
                    case "Exists" -> requirement.getKey();
                    case "DoesNotExist" -> "!" + requirement.getKey();
                    default -> requirement.getKey() + " " + requirement.getOperator() + " (" + values + ")";
                });
            }
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** Whether a selector is empty: it selects every pod (or namespace). */
    static boolean selectsAll(LabelSelector selector) {
        return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /** Whether a pod peer of a policy covers a pod. */
    static boolean matches(NetworkModel model, ParsedPolicy policy, PodPeer peer, NetPod pod) {
        boolean namespace = peer.namespaceSelector() == null ? pod.namespace().equals(policy.namespace())
                : Selectors.matches(peer.namespaceSelector(), model.labelsOf(pod.namespace()));
        return namespace && (peer.podSelector() == null || Selectors.matches(peer.podSelector(), pod.labels()));
    }

    /** {@code pods {app=web} in namespace shop}, {@code every pod in namespaces {team=a}}. */
    static String peer(PodPeer peer, String policyNamespace) {
        String pods = peer.podSelector() == null || selectsAll(peer.podSelector()) ? "every pod"
                : "pods " + selector(peer.podSelector());
        String namespaces = peer.namespaceSelector() == null ? "namespace " + policyNamespace
                : selectsAll(peer.namespaceSelector()) ? "every namespace"
                : "namespaces " + selector(peer.namespaceSelector());
        return pods + " in " + namespaces;
    }
}
