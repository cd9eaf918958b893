package dev.palisade.image.cache;

import dev.palisade.Palisade;
import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.sbom.CatalogueJson;
import dev.palisade.image.source.Digests;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Catalogues of images already analysed, one JSON file per manifest digest under
 * {@code <data>/images/sha256/<hex>.json}: the package list, config facts and analysis time. An image with the same
 * digest has the same content, so its catalogue never goes stale; only a new cache format (cataloguers that find
 * more) retires entries.
 */
public final class ImageCache {

    /** Raise when cataloguers change what they find, so older entries are analysed again. */
    static final int FORMAT = 1;

    private final Path dir;

    public ImageCache(Path imagesDir) {
        this.dir = imagesDir;
    }

    public Optional<ImageCatalogue> get(String digest) {
        if (!Digests.isValid(digest)) {
            return Optional.empty();
        }
        Path file = file(digest);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = CatalogueJson.JSON.readTree(file.toFile());
            if (root.path("format").asInt(0) != FORMAT) {
                return Optional.empty();
            }
            return Optional.of(CatalogueJson.read(root.path("catalogue")));
        } catch (RuntimeException e) {
            return Optional.empty();  // a damaged entry is analysed again and rewritten
        }
    }

    /** Stores a catalogue under its digest; written to a temporary file and moved, so readers never see half. */
    public void put(ImageCatalogue catalogue) throws IOException {
        if (!Digests.isValid(catalogue.digest())) {
            return;
        }
        Path file = file(catalogue.digest());
        Files.createDirectories(file.getParent());
        ObjectNode root = CatalogueJson.JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("palisadeVersion", Palisade.version());
        root.set("catalogue", CatalogueJson.write(catalogue));
        Path temporary = Files.createTempFile(file.getParent(), ".entry-", ".tmp");
        try {
            Files.write(temporary, CatalogueJson.JSON.writeValueAsBytes(root));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    Path file(String digest) {
        return dir.resolve("sha256").resolve(Digests.hex(digest) + ".json");
    }
}
