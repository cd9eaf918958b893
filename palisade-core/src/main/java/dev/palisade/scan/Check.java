package dev.palisade.scan;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.SourceLocation;
import java.util.Map;

/** The fixed description of a check that analyses report findings for. */
public record Check(String id, String title, Severity severity, String remediation, Map<String, String> equivalents) {

    public Check {
        equivalents = Map.copyOf(equivalents);
    }

    public Finding finding(ObjectRef resource, SourceLocation location, String message) {
        return new Finding(id, title, severity, resource, location, message, remediation, equivalents);
    }
}
