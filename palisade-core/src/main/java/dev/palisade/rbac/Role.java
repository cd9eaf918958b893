package dev.palisade.rbac;

import dev.palisade.inventory.SourceLocation;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/**
 * A Role (namespace set) or ClusterRole (namespace empty), with its aggregation selectors when it aggregates.
 */
public record Role(String kind, String namespace, String name, List<Rule> rules, Map<String, String> labels,
                   List<LabelSelector> aggregationSelectors, SourceLocation source) {

    public Role {
        namespace = namespace == null ? "" : namespace;
        rules = List.copyOf(rules);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        aggregationSelectors = aggregationSelectors == null ? List.of() : List.copyOf(aggregationSelectors);
    }

    public Role withRules(List<Rule> newRules) {
        return new Role(kind, namespace, name, newRules, labels, aggregationSelectors, source);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
