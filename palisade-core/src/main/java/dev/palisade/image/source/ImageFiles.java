package dev.palisade.image.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Named files of an image directory or archive (an OCI layout, a docker-save tarball). */
interface ImageFiles extends Closeable {

    /** What to call it in messages. */
    String name();

    /** The file's content, or empty when there is no such file. */
    Optional<InputStream> open(String relativePath) throws IOException;

    /** A small file read whole, or empty. */
    default Optional<byte[]> read(String relativePath) throws IOException {
        Optional<InputStream> in = open(relativePath);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            byte[] content = stream.readNBytes((int) BlobStore.MAX_DOCUMENT_BYTES + 1);
            if (content.length > BlobStore.MAX_DOCUMENT_BYTES) {
                throw new IOException(name() + ": " + relativePath + " is larger than "
                        + (BlobStore.MAX_DOCUMENT_BYTES >> 20) + " MiB");
            }
            return Optional.of(content);
        }
    }

    @Override
    default void close() throws IOException {
    }
}
