package dev.palisade.scan;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * One policy violated by one object (and, for container checks, one container).
 *
 * @param policy      the policy id
 * @param title       the policy name
 * @param container   the offending container, or null for checks of the whole object
 * @param path        the offending field, e.g. {@code spec.template.spec.containers[1].securityContext.privileged};
 *                    empty when no single field is at fault
 * @param location    where the object is defined (file and line, or the cluster endpoint)
 * @param message     what is wrong, naming the offending value; never a secret value
 * @param categories  the policy's categories (e.g. Exposure, Privileges)
 * @param equivalents the same check in peer tools, e.g. {@code kubescape: C-0057}
 * @param exemption   why the finding is exempted, or null when it is not
 */
public record Finding(String policy, String title, Severity severity, ObjectRef resource, String container,
                      String path, SourceLocation location, String message, String remediation,
                      List<String> categories, Map<String, String> equivalents, Enforcement enforcement,
                      String exemption) {

    public Finding {
        path = path == null ? "" : path;
        categories = List.copyOf(categories);
        equivalents = Map.copyOf(equivalents);
    }

    public boolean exempted() {
        return exemption != null;
    }

    /** Active findings count towards --fail-on and the gate; exempted ones are reported only. */
    public boolean active() {
        return exemption == null;
    }
}
