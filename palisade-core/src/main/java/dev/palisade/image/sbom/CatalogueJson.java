package dev.palisade.image.sbom;

import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.catalog.ImageConfigFacts;
import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.catalog.OsRelease;
import dev.palisade.image.catalog.PackageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Palisade's own JSON form of an {@link ImageCatalogue}: what {@code -o json} prints and what the image cache
 * stores. Field names follow the records; absent values are omitted.
 */
public final class CatalogueJson {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CatalogueJson() {
    }

    public static ObjectNode write(ImageCatalogue c) {
        ObjectNode root = NODES.objectNode();
        put(root, "reference", c.reference());
        put(root, "digest", c.digest());
        put(root, "platform", c.platform());
        if (c.os() != null) {
            ObjectNode os = root.putObject("os");
            put(os, "id", c.os().id());
            put(os, "versionId", c.os().versionId());
            put(os, "codename", c.os().codename());
            put(os, "prettyName", c.os().prettyName());
        }
        put(root, "analysedAt", c.analysedAt() == null ? null : c.analysedAt().toString());
        ImageConfigFacts f = c.config();
        ObjectNode config = root.putObject("config");
        config.put("user", f.user());
        put(config, "created", f.created() == null ? null : f.created().toString());
        strings(config.putArray("entrypoint"), f.entrypoint());
        strings(config.putArray("cmd"), f.cmd());
        strings(config.putArray("exposedPorts"), f.exposedPorts());
        strings(config.putArray("envNames"), f.envNames());
        ObjectNode labels = config.putObject("labels");
        new java.util.TreeMap<>(f.labels()).forEach(labels::put);
        strings(config.putArray("history"), f.history());
        ArrayNode packages = root.putArray("packages");
        for (ImagePackage p : c.packages()) {
            ObjectNode n = packages.addObject();
            n.put("type", p.type().purlType());
            n.put("name", p.name());
            put(n, "version", p.version());
            if (p.epoch() != null) {
                n.put("epoch", p.epoch());
            }
            put(n, "sourceName", p.sourceName());
            put(n, "sourceVersion", p.sourceVersion());
            put(n, "arch", p.arch());
            put(n, "purl", p.purl());
            if (!p.licenses().isEmpty()) {
                strings(n.putArray("licenses"), p.licenses());
            }
            put(n, "location", p.location());
            put(n, "layer", p.layer());
        }
        return root;
    }

    public static ImageCatalogue read(JsonNode root) {
        OsRelease os = null;
        JsonNode o = root.get("os");
        if (o != null && o.isObject()) {
            os = new OsRelease(text(o, "id"), text(o, "versionId"), text(o, "codename"), text(o, "prettyName"));
        }
        JsonNode f = root.path("config");
        Map<String, String> labels = new LinkedHashMap<>();
        f.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        ImageConfigFacts config = new ImageConfigFacts(f.path("user").asString(""), instant(text(f, "created")),
                strings(f.path("entrypoint")), strings(f.path("cmd")), strings(f.path("exposedPorts")),
                strings(f.path("envNames")), labels, strings(f.path("history")));
        List<ImagePackage> packages = new ArrayList<>();
        for (JsonNode n : root.path("packages")) {
            packages.add(new ImagePackage(type(n.path("type").asString("")), n.path("name").asString(""),
                    text(n, "version"), n.has("epoch") ? n.get("epoch").asInt() : null, text(n, "sourceName"),
                    text(n, "sourceVersion"), text(n, "arch"), text(n, "purl"), strings(n.path("licenses")),
                    text(n, "location"), text(n, "layer")));
        }
        return new ImageCatalogue(text(root, "reference"), text(root, "digest"), text(root, "platform"), os, packages,
                config, instant(text(root, "analysedAt")));
    }

    /** The package type of a purl type ({@code deb}, {@code golang}, ...); unknown types are refused. */
    public static PackageType type(String purlType) {
        for (PackageType t : PackageType.values()) {
            if (t.purlType().equals(purlType)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown package type '" + purlType + "'");
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString("")));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
