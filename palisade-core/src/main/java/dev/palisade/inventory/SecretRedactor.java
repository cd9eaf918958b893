package dev.palisade.inventory;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drops what must never be kept: the values of Secrets (only their key names survive, with empty values)
 * and, from every object, {@code kubectl.kubernetes.io/last-applied-configuration} (a full copy of the
 * object, Secret values included) and {@code managedFields} (bookkeeping no analysis needs).
 */
public final class SecretRedactor {

    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private SecretRedactor() {
    }

    /** Redacts the document in place. */
    public static void redact(ObjectNode document) {
        if (document.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LAST_APPLIED);
            }
        }
        if (isSecret(document)) {
            List<String> keys = new ArrayList<>();
            for (String field : List.of("data", "stringData")) {
                JsonNode values = document.get(field);
                if (values != null && values.isObject()) {
                    keys.addAll(values.propertyNames());
                }
                document.remove(field);
            }
            if (!keys.isEmpty()) {
                ObjectNode data = document.putObject("data");
                keys.forEach(key -> data.put(key, ""));
            }
        }
    }

    static boolean isSecret(JsonNode document) {
        String apiVersion = document.path("apiVersion").asString("");
        return document.path("kind").asString("").equals("Secret") && (apiVersion.equals("v1") || apiVersion.isEmpty());
    }
}
