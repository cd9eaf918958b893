package dev.palisade.image.source;

import dev.palisade.image.ImageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads OCI and Docker v2 indexes and manifests, picks the wanted platform from an index, and returns the image's
 * config and layers. Shared by the layout, archive and registry sources.
 */
public final class Manifests {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** What a registry is asked for. */
    public static final List<String> ACCEPTED = List.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> INDEX_TYPES = Set.of(OCI_INDEX, DOCKER_LIST);
    private static final int MAX_NESTING = 4;

    private Manifests() {
    }

    /**
     * Follows {@code top} (an index or a manifest) down to one image manifest for {@code wanted}, then reads its
     * config.
     */
    public static OpenedImage resolve(String reference, Descriptor top, BlobStore store, Platform wanted)
            throws IOException {
        Descriptor current = top;
        for (int depth = 0; depth < MAX_NESTING; depth++) {
            JsonNode doc = parse(store.manifest(current), "manifest " + current.digest());
            String mediaType = doc.path("mediaType").asString(current.mediaType() == null ? "" : current.mediaType());
            if (INDEX_TYPES.contains(mediaType) || (doc.has("manifests") && !doc.has("layers"))) {
                current = choose(doc, wanted, reference + " (index " + current.shortDigest() + ")");
                continue;
            }
            return image(reference, current, doc, store);
        }
        throw new ImageException(reference + ": indexes nested more than " + MAX_NESTING + " deep");
    }

    private static OpenedImage image(String reference, Descriptor manifest, JsonNode doc, BlobStore store)
            throws IOException {
        if (!doc.has("config") || !doc.has("layers")) {
            throw new ImageException(reference + ": manifest " + manifest.digest() + " is not an image manifest"
                    + " (no config or layers)");
        }
        Descriptor config = descriptor(doc.get("config"), "config of manifest " + manifest.shortDigest());
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : doc.get("layers")) {
            layers.add(descriptor(layer, "layer of manifest " + manifest.shortDigest()));
        }
        byte[] configBytes = store.document(config);
        return new OpenedImage(reference, manifest.digest(), platformOf(configBytes, reference), configBytes,
                layers, store);
    }

    /** The index entry for {@code wanted}; attestation manifests ({@code unknown/unknown}) never match. */
    static Descriptor choose(JsonNode index, Platform wanted, String where) {
        List<Descriptor> entries = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            entries.add(descriptor(entry, where));
        }
        if (entries.size() == 1 && entries.get(0).platform() == null) {
            return entries.get(0);
        }
        return entries.stream().filter(e -> e.platform() != null && wanted.accepts(e.platform())).findFirst()
                .orElseThrow(() -> new ImageException(where + ": no manifest for platform " + wanted
                        + "; the index has " + entries.stream().map(e -> String.valueOf(e.platform()))
                        .collect(Collectors.joining(", ")) + " (choose one with --platform)"));
    }

    static Descriptor descriptor(JsonNode node, String where) {
        String digest = Digests.requireValid(node.path("digest").asString(null), where);
        Platform platform = null;
        JsonNode p = node.get("platform");
        if (p != null && p.has("architecture")) {
            platform = new Platform(p.path("os").asString(""), p.path("architecture").asString(""),
                    p.path("variant").asString(null));
        }
        return new Descriptor(node.path("mediaType").asString(null), digest, node.path("size").asLong(-1), platform);
    }

    static Platform platformOf(byte[] config, String where) {
        JsonNode node = parse(config, where + " config");
        if (!node.has("architecture")) {
            return null;
        }
        return new Platform(node.path("os").asString("linux"), node.path("architecture").asString(),
                node.path("variant").asString(null));
    }

    static JsonNode parse(byte[] content, String where) {
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || !node.isObject()) {
                throw new ImageException(where + ": not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new ImageException(where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }
}
