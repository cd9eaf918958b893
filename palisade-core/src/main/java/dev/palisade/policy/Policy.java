package dev.palisade.policy;

import dev.palisade.inventory.SourceLocation;
import dev.palisade.scan.Enforcement;
import dev.palisade.scan.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy: data read from YAML (see docs/policies.md). It fires on a subject when any of its sections
 * matches; a section matches when all its criteria match.
 *
 * @param message optional template for finding messages: {@code {container}}, {@code {values}}, {@code {name}}
 * @param source  where the policy was read from
 */
public record Policy(String id, String name, String description, String rationale, String remediation,
                     Severity severity, List<String> categories, Set<Lifecycle> lifecycle, boolean enabled,
                     Enforcement enforcement, Target target, Scope scope, List<Exclusion> exclusions,
                     Map<String, String> equivalents, List<Section> sections, String message,
                     SourceLocation source) {

    /** When a policy applies: at build (CI on manifests), at deploy (admission and cluster scans), at runtime. */
    public enum Lifecycle { BUILD, DEPLOY, RUNTIME }

    public Policy {
        categories = List.copyOf(categories);
        lifecycle = Set.copyOf(lifecycle);
        exclusions = List.copyOf(exclusions);
        equivalents = Map.copyOf(equivalents);
        sections = List.copyOf(sections);
        message = message == null ? "" : message;
    }

    public Policy withSeverity(Severity newSeverity) {
        return new Policy(id, name, description, rationale, remediation, newSeverity, categories, lifecycle, enabled,
                enforcement, target, scope, exclusions, equivalents, sections, message, source);
    }

    public Policy withEnabled(boolean newEnabled) {
        return new Policy(id, name, description, rationale, remediation, severity, categories, lifecycle, newEnabled,
                enforcement, target, scope, exclusions, equivalents, sections, message, source);
    }

    public Policy withEnforcement(Enforcement newEnforcement) {
        return new Policy(id, name, description, rationale, remediation, severity, categories, lifecycle, enabled,
                newEnforcement, target, scope, exclusions, equivalents, sections, message, source);
    }

    /** True when some criterion looks at single containers: findings then name the container. */
    public boolean perContainer() {
        return sections.stream().anyMatch(Section::perContainer);
    }
}
