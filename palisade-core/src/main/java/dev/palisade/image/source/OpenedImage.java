package dev.palisade.image.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * An image whose manifest has been resolved: its identity, configuration and layers, with the store to read the
 * layers from. Close it to release the archive or connection.
 *
 * @param reference how the user named it (reference, archive or layout path)
 * @param digest    the manifest digest; for a docker-save archive without manifests, the image id (config digest)
 * @param platform  the platform of the image, from its config
 * @param config    the image configuration JSON
 * @param layers    the layers, lowest first
 * @param blobs     where the layers are read from
 */
public record OpenedImage(String reference, String digest, Platform platform, byte[] config,
                          List<Descriptor> layers, BlobStore blobs) implements Closeable {

    public OpenedImage {
        layers = List.copyOf(layers);
    }

    @Override
    public void close() throws IOException {
        blobs.close();
    }
}
