package dev.palisade.scan;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.SourceLocation;
import java.util.Map;

/**
 * One problem found in one object.
 *
 * @param checkId     stable kebab-case id of the check
 * @param resource    the object the finding is about
 * @param location    where that object is defined (file and line, or the cluster endpoint)
 * @param message     what is wrong with this object, never a secret value
 * @param equivalents the same check in peer tools, e.g. {@code kubescape: C-0057}
 */
public record Finding(String checkId, String title, Severity severity, ObjectRef resource, SourceLocation location,
                      String message, String remediation, Map<String, String> equivalents) {

    public Finding {
        equivalents = Map.copyOf(equivalents);
    }
}
