package dev.palisade.ownership;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.ScanConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the team that owns a workload from label and annotation keys, most specific first: the
 * workload's labels and annotations, its pod template's, then its namespace's; then the configured team rules
 * (namespace and label patterns, first match wins).
 */
public final class OwnerResolver {

    /** The owning team and where it was read. */
    public record Owner(String team, String from) {
    }

    private final Snapshot snapshot;
    private final List<String> keys;
    private final List<ScanConfig.TeamRule> rules;

    public OwnerResolver(Snapshot snapshot, List<String> keys) {
        this(snapshot, keys, List.of());
    }

    public OwnerResolver(Snapshot snapshot, ScanConfig config) {
        this(snapshot, config.ownerKeys(), config.teams());
    }

    public OwnerResolver(Snapshot snapshot, List<String> keys, List<ScanConfig.TeamRule> rules) {
        this.snapshot = snapshot;
        this.keys = List.copyOf(keys);
        this.rules = List.copyOf(rules);
    }

    public Optional<Owner> owner(Workload workload) {
        return find(workload.labels(), "label", workload.ref().kind())
                .or(() -> find(workload.annotations(), "annotation", workload.ref().kind()))
                .or(() -> find(workload.podLabels(), "label", "pod template"))
                .or(() -> find(workload.podAnnotations(), "annotation", "pod template"))
                .or(() -> namespace(workload.namespace()).flatMap(ns -> find(ns.labels(), "label", "namespace")
                        .or(() -> find(ns.annotations(), "annotation", "namespace"))))
                .or(() -> rule(workload));
    }

    private Optional<Owner> rule(Workload workload) {
        for (int i = 0; i < rules.size(); i++) {
            ScanConfig.TeamRule rule = rules.get(i);
            if (rule.matches(workload.namespace(), workload.podLabels())
                    || !rule.labels().isEmpty() && rule.matches(workload.namespace(), workload.labels())) {
                return Optional.of(new Owner(rule.team(), "team rule " + (i + 1)));
            }
        }
        return Optional.empty();
    }

    private Optional<KubeObject> namespace(String name) {
        return snapshot.find(new ObjectRef("v1", "Namespace", "", name));
    }

    private Optional<Owner> find(Map<String, String> values, String what, String where) {
        for (String key : keys) {
            String value = values.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Owner(value.trim(), where + " " + what + " " + key));
            }
        }
        return Optional.empty();
    }
}
