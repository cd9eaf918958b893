package dev.palisade.vuln.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link StoreInfo} as JSON: the header of a store file, and what {@code palisade db status -o json} prints. */
public final class StoreInfoJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoreInfoJson() {
    }

    static String write(StoreInfo info) {
        return JSON.writeValueAsString(toJson(info));
    }

    /** The metadata as a JSON object. */
    public static ObjectNode toJson(StoreInfo info) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("builtAt", info.builtAt().toString());
        root.put("contentHash", info.contentHash());
        root.put("records", info.records());
        root.put("withdrawn", info.withdrawn());
        ObjectNode perEcosystem = root.putObject("recordsPerEcosystem");
        new TreeMap<>(info.recordsPerEcosystem()).forEach(perEcosystem::put);
        ArrayNode sources = root.putArray("sources");
        info.sources().forEach(source -> sources.add(toJson(source)));
        return root;
    }

    static ObjectNode toJson(SourceInfo source) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("location", source.location());
        node.put("sha256", source.sha256());
        node.put("etag", source.etag());
        node.put("lastModified", source.lastModified());
        node.put("fetchedAt", source.fetchedAt().toString());
        node.put("records", source.records());
        node.put("problems", source.problems());
        return node;
    }

    static SourceInfo readSource(JsonNode node) {
        return new SourceInfo(node.path("location").asString(), node.path("sha256").asString(),
                optional(node, "etag"), optional(node, "lastModified"), Instant.parse(node.path("fetchedAt").asString()),
                node.path("records").asInt(), node.path("problems").asInt());
    }

    static StoreInfo read(Path file, String json) throws IOException {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, Integer> perEcosystem = new TreeMap<>();
            root.path("recordsPerEcosystem").properties().forEach(e -> perEcosystem.put(e.getKey(), e.getValue().asInt()));
            List<SourceInfo> sources = new ArrayList<>();
            for (JsonNode node : root.path("sources")) {
                sources.add(readSource(node));
            }
            return new StoreInfo(Instant.parse(root.path("builtAt").asString()), root.path("contentHash").asString(),
                    root.path("records").asInt(), root.path("withdrawn").asInt(), perEcosystem, sources);
        } catch (JacksonException | java.time.DateTimeException e) {
            throw new IOException(file + ": damaged database header (" + e.getMessage() + ")", e);
        }
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
