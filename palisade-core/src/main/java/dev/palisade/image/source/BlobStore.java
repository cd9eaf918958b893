package dev.palisade.image.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Where an image's manifests and blobs are read from: a layout directory, an archive, a registry. */
public interface BlobStore extends Closeable {

    /** Small documents (indexes, manifests, configs) are refused above this size. */
    long MAX_DOCUMENT_BYTES = 8L << 20;

    /** A blob's content; the stream fails at its end when the content does not match the descriptor. */
    InputStream open(Descriptor blob) throws IOException;

    /** A manifest or index by digest (registries serve these apart from blobs); verified. */
    default byte[] manifest(Descriptor manifest) throws IOException {
        return document(manifest);
    }

    /** A small blob read whole (a config); verified and bounded. */
    default byte[] document(Descriptor blob) throws IOException {
        try (InputStream in = open(blob)) {
            byte[] content = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
            if (content.length > MAX_DOCUMENT_BYTES) {
                throw new IOException("blob " + blob.digest() + " is larger than " + (MAX_DOCUMENT_BYTES >> 20)
                        + " MiB; it is not a manifest or config");
            }
            return content;
        }
    }

    @Override
    default void close() throws IOException {
    }
}
