package dev.palisade.image.layer;

import dev.palisade.image.ImageException;
import dev.palisade.image.InspectingInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Layer compression, recognised by magic bytes rather than media types (docker-save layers are plain tar whatever
 * their name; registries mislabel). Decompressed streams are bounded so that a decompression bomb fails with a
 * clear message instead of running for hours.
 */
public enum Compression {
    NONE, GZIP, ZSTD;

    /**
     * Expansion bounds.
     *
     * @param maxBytes bytes a layer may expand to
     * @param maxRatio decompressed/compressed ratio allowed once past {@code ratioFloor} bytes
     * @param ratioFloor below this many decompressed bytes the ratio is not checked (small files of zeros are fine)
     */
    public record Limits(long maxBytes, long maxRatio, long ratioFloor) {

        public static final Limits DEFAULT = new Limits(64L << 30, 1000, 64L << 20);
    }

    /** Peeks at the first bytes; {@code in} must support mark/reset. */
    public static Compression detect(InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** The decompressed content of {@code in} (mark/reset supported), bounded by {@code limits}. */
    public static InputStream decompress(InputStream in, String where, Limits limits) throws IOException {
        Compression compression = detect(in);
        if (compression == NONE) {
            return new Bounded(in, null, where, limits);
        }
        Counting raw = new Counting(in);
        try {
            InputStream decompressed = compression == GZIP
                    ? GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get()
                    : new ZstdCompressorInputStream(raw);
            return new Bounded(decompressed, raw, where, limits);
        } catch (IOException e) {
            throw new ImageException(where + ": corrupt " + compression.name().toLowerCase() + " data ("
                    + e.getMessage() + ")", e);
        }
    }

    private static final class Counting extends InspectingInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Counts decompressed bytes against the limits; turns decompressor failures into messages naming the blob. */
    private static final class Bounded extends InspectingInputStream {
        private final Counting raw;
        private final String where;
        private final Limits limits;
        private long count;

        Bounded(InputStream in, Counting raw, String where, Limits limits) {
            super(in);
            this.raw = raw;
            this.where = where;
            this.limits = limits;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (ImageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                if (raw == null) {
                    throw e;
                }
                throw new ImageException(where + ": truncated or corrupt compressed data (" + e.getMessage() + ")",
                        e);
            }
            if (n > 0) {
                count += n;
                if (count > limits.maxBytes()) {
                    throw new ImageException(where + ": expands to more than " + limits.maxBytes()
                            + " bytes; refusing it as a decompression bomb");
                }
                if (raw != null && count > limits.ratioFloor() && count > limits.maxRatio() * Math.max(1, raw.count)) {
                    throw new ImageException(where + ": expands more than " + limits.maxRatio() + " times ("
                            + raw.count + " bytes to over " + count + "); refusing it as a decompression bomb");
                }
            }
            return n;
        }

    }
}
