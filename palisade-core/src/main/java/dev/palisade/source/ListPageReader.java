package dev.palisade.source;

import dev.palisade.inventory.SecretRedactor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one page of a Kubernetes list response as it streams in. For Secrets, the values of {@code data} and
 * {@code stringData} and the last-applied-configuration annotation (a copy of the Secret) are skipped by the
 * parser, so they never become part of the tree: only the key names survive, with empty values.
 */
final class ListPageReader {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ListPageReader() {
    }

    /** The items of one page and the token asking for the next page; the token is empty on the last page. */
    record Page(List<ObjectNode> items, String continueToken) {
    }

    /** @throws JacksonException when the body is not a JSON object or cannot be read to its end */
    static Page read(InputStream body, boolean secrets) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new StreamReadException(parser, "a list response must be a JSON object");
            }
            List<ObjectNode> items = new ArrayList<>();
            String continueToken = "";
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() == JsonToken.START_OBJECT) {
                            items.add(secrets ? readSecret(parser) : parser.readValueAsTree());
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    JsonNode metadata = parser.readValueAsTree();
                    continueToken = metadata.path("continue").asString("");
                } else {
                    parser.skipChildren();
                }
            }
            return new Page(items, continueToken);
        }
    }

    /** Reads a Secret, keeping only the key names of data and stringData and leaving out last-applied. */
    private static ObjectNode readSecret(JsonParser parser) {
        return (ObjectNode) readObject(parser, (field, value) -> switch (field) {
            case "data", "stringData" -> readObject(value, ListPageReader::keyOnly);
            case "metadata" -> readObject(value, (name, inner) -> name.equals("annotations")
                    ? readObject(inner, ListPageReader::withoutLastApplied) : inner.readValueAsTree());
            default -> value.readValueAsTree();
        });
    }

    private static JsonNode keyOnly(String key, JsonParser value) {
        value.skipChildren();
        return NODES.stringNode("");
    }

    private static JsonNode withoutLastApplied(String annotation, JsonParser value) {
        if (annotation.equals(SecretRedactor.LAST_APPLIED)) {
            value.skipChildren();
            return null;
        }
        return value.readValueAsTree();
    }

    /**
     * Reads the value at the parser's current token. An object is read property by property, each value by
     * {@code readProperty} (which leaves the parser on the value's last token, and returns null to drop it);
     * anything else is read as it is.
     */
    private static JsonNode readObject(JsonParser parser, BiFunction<String, JsonParser, JsonNode> readProperty) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return parser.readValueAsTree();
        }
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            JsonNode value = readProperty.apply(name, parser);
            if (value != null) {
                object.set(name, value);
            }
        }
        return object;
    }
}
