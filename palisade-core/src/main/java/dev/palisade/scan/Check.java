package dev.palisade.scan;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finding type of an analysis written in code (RBAC, network) rather than as a policy file: what the policy
 * header would say. palisade.yaml's enable/disable, severity and enforcement overrides apply to it by id.
 */
public record Check(String id, String title, Severity severity, String remediation, List<String> categories,
                    Map<String, String> equivalents) {

    public Check {
        categories = List.copyOf(categories);
        equivalents = Map.copyOf(equivalents);
    }

    /** This check's finding on one object, with the configured overrides; empty when the check is disabled. */
    public Optional<Finding> finding(ScanConfig config, ObjectRef resource, SourceLocation location, String path,
                                     String message) {
        var settings = config.policies();
        if (settings.disabled().contains(id)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(id, title, settings.severities().getOrDefault(id, severity), resource, null,
                path, location, message, remediation, categories, equivalents,
                settings.enforcement().getOrDefault(id, Enforcement.INFORM), null));
    }
}
