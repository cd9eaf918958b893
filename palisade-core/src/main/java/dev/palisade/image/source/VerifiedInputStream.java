package dev.palisade.image.source;

import dev.palisade.image.ImageException;
import dev.palisade.image.InspectingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes a blob while it is read and fails ({@link ImageException}, so decompressors pass it on) at its end when the content does not match the digest (or the declared
 * size). Closing the stream reads what the consumer left (tar archives end before their padding) so every blob is
 * verified in full.
 */
final class VerifiedInputStream extends InspectingInputStream {

    private final Descriptor descriptor;
    private final String where;
    private final MessageDigest sha = Digests.newSha256();
    private long count;
    private boolean verified;

    VerifiedInputStream(InputStream in, Descriptor descriptor, String where) {
        super(in);
        this.descriptor = descriptor;
        this.where = where;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        sha.update(b, off, n);
        count += n;
        if (descriptor.size() >= 0 && count > descriptor.size()) {
            throw new ImageException(where + ": blob " + descriptor.digest() + " is larger than the "
                    + descriptor.size() + " bytes its manifest states");
        }
        return n;
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        verified = true;
        if (descriptor.size() >= 0 && count != descriptor.size()) {
            throw new ImageException(where + ": blob " + descriptor.digest() + " has " + count + " bytes, its manifest"
                    + " states " + descriptor.size() + " (truncated download or wrong manifest)");
        }
        String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(descriptor.digest())) {
            throw new ImageException(where + ": digest mismatch for blob " + descriptor.digest() + ": its content"
                    + " hashes to " + actual);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!verified) {
                byte[] buffer = new byte[65536];
                while (read(buffer, 0, buffer.length) >= 0) {
                    // drain: the tail is part of the digest
                }
            }
        } finally {
            super.close();
        }
    }
}
