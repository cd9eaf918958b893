package dev.palisade.image.source;

import dev.palisade.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OCI image layouts: a directory, or the same files inside a tarball ({@code oci-archive}, and what {@code docker
 * save} writes since Docker 25). {@code index.json} names the images; blobs live under {@code blobs/sha256/}.
 */
public final class OciLayout {

    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private OciLayout() {
    }

    /** Opens the image of an OCI layout directory; {@code tag} picks one of several images (may be null). */
    public static OpenedImage openDirectory(Path dir, String tag, Platform platform) throws IOException {
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            throw new ImageException(dir + ": not an OCI image layout (no index.json)");
        }
        return open(new DirectoryFiles(dir), tag, platform);
    }

    static boolean isLayout(ImageFiles files) throws IOException {
        Optional<InputStream> index = files.open("index.json");
        if (index.isEmpty()) {
            return false;
        }
        index.get().close();
        return true;
    }

    static OpenedImage open(ImageFiles files, String tag, Platform platform) throws IOException {
        byte[] indexBytes = files.read("index.json")
                .orElseThrow(() -> new ImageException(files.name() + ": no index.json"));
        JsonNode index = Manifests.parse(indexBytes, files.name() + ": index.json");
        JsonNode entries = index.path("manifests");
        if (entries.isEmpty()) {
            throw new ImageException(files.name() + ": index.json names no image");
        }
        Descriptor top = null;
        if (tag != null) {
            for (JsonNode entry : entries) {
                String name = entry.path("annotations").path(REF_NAME).asString("");
                if (name.equals(tag) || name.endsWith(":" + tag)) {
                    top = Manifests.descriptor(entry, files.name() + ": index.json");
                }
            }
            if (top == null) {
                throw new ImageException(files.name() + ": no image tagged '" + tag + "' in index.json");
            }
        } else {
            top = Manifests.choose(index, platform, files.name() + ": index.json");
        }
        return Manifests.resolve(files.name(), top, new LayoutBlobs(files), platform);
    }

    /** Blobs at {@code blobs/<algorithm>/<hex>}. */
    private record LayoutBlobs(ImageFiles files) implements BlobStore {

        @Override
        public InputStream open(Descriptor blob) throws IOException {
            String path = "blobs/sha256/" + Digests.hex(Digests.requireValid(blob.digest(), files.name()));
            InputStream in = files.open(path).orElseThrow(() -> new ImageException(files.name()
                    + ": the manifest names blob " + blob.digest() + " but " + path + " is missing"));
            return new VerifiedInputStream(in, blob, files.name());
        }

        @Override
        public void close() throws IOException {
            files.close();
        }
    }

    private record DirectoryFiles(Path dir) implements ImageFiles {

        @Override
        public String name() {
            return dir.toString();
        }

        @Override
        public Optional<InputStream> open(String relativePath) throws IOException {
            Path file = dir.resolve(relativePath).normalize();
            if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(Files.newInputStream(file));
        }
    }
}
