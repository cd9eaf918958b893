package dev.palisade.image.catalog.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One installed package as an rpm database stores it: a header blob (index entry count, data length, 16-byte index
 * entries of tag/type/offset/count, then the data store), big-endian. Only the tags Palisade needs are read.
 *
 * @param name      NAME
 * @param version   VERSION
 * @param release   RELEASE
 * @param epoch     EPOCH, or null
 * @param arch      ARCH, or null
 * @param sourceRpm SOURCERPM, e.g. {@code bash-5.1.8-6.el9.src.rpm}, or null (gpg-pubkey entries)
 * @param license   LICENSE, or null
 * @param vendor    VENDOR, or null
 * @param sigmd5    SIGMD5 as hex, or null
 */
public record RpmHeader(String name, String version, String release, Integer epoch, String arch, String sourceRpm,
                        String license, String vendor, String sigmd5) {

    private static final int TAG_SIGMD5 = 261;
    private static final int TAG_NAME = 1000;
    private static final int TAG_VERSION = 1001;
    private static final int TAG_RELEASE = 1002;
    private static final int TAG_EPOCH = 1003;
    private static final int TAG_VENDOR = 1011;
    private static final int TAG_LICENSE = 1014;
    private static final int TAG_ARCH = 1022;
    private static final int TAG_SOURCERPM = 1044;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_BIN = 7;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    /** rpm's own bound on index entries (HEADER_TAGS_MAX); larger counts mean a corrupt blob. */
    private static final int MAX_ENTRIES = 0xffff;

    /**
     * Parses a header blob.
     *
     * @throws IllegalArgumentException when the blob is truncated or its index points outside it
     */
    public static RpmHeader parse(byte[] blob) {
        ByteBuffer buf = ByteBuffer.wrap(blob).order(ByteOrder.BIG_ENDIAN);
        if (blob.length < 8) {
            throw new IllegalArgumentException("header blob of " + blob.length + " bytes is too short");
        }
        int entries = buf.getInt(0);
        int dataLength = buf.getInt(4);
        long dataStart = 8L + 16L * entries;
        if (entries < 0 || entries > MAX_ENTRIES || dataLength < 0 || dataStart + dataLength > blob.length) {
            throw new IllegalArgumentException("header blob states " + entries + " entries and " + dataLength
                    + " data bytes, more than its " + blob.length + " bytes");
        }
        String name = null;
        String version = null;
        String release = null;
        Integer epoch = null;
        String arch = null;
        String sourceRpm = null;
        String license = null;
        String vendor = null;
        String sigmd5 = null;
        for (int i = 0; i < entries; i++) {
            int at = 8 + 16 * i;
            int tag = buf.getInt(at);
            int type = buf.getInt(at + 4);
            int offset = buf.getInt(at + 8);
            int count = buf.getInt(at + 12);
            if (offset < 0 || offset >= dataLength && dataLength > 0) {
                continue;  // region trailers and the like point elsewhere; tags Palisade reads never do
            }
            int start = (int) dataStart + offset;
            int end = (int) dataStart + dataLength;
            switch (tag) {
                case TAG_NAME -> name = string(blob, start, end, type);
                case TAG_VERSION -> version = string(blob, start, end, type);
                case TAG_RELEASE -> release = string(blob, start, end, type);
                case TAG_ARCH -> arch = string(blob, start, end, type);
                case TAG_SOURCERPM -> sourceRpm = string(blob, start, end, type);
                case TAG_LICENSE -> license = string(blob, start, end, type);
                case TAG_VENDOR -> vendor = string(blob, start, end, type);
                case TAG_EPOCH -> {
                    if (type == TYPE_INT32 && count >= 1 && start + 4 <= end) {
                        epoch = buf.getInt(start);
                    }
                }
                case TAG_SIGMD5 -> {
                    if (type == TYPE_BIN && count > 0 && start + count <= end) {
                        sigmd5 = HexFormat.of().formatHex(blob, start, start + count);
                    }
                }
                default -> {
                    // not needed
                }
            }
        }
        if (name == null || version == null) {
            throw new IllegalArgumentException("header blob has no name or version");
        }
        return new RpmHeader(name, version, release, epoch, arch, sourceRpm, license, vendor, sigmd5);
    }

    private static String string(byte[] blob, int start, int end, int type) {
        if (type != TYPE_STRING && type != TYPE_I18NSTRING && type != TYPE_STRING_ARRAY) {
            return null;
        }
        int stop = start;
        while (stop < end && blob[stop] != 0) {
            stop++;
        }
        return new String(blob, start, stop - start, StandardCharsets.UTF_8);
    }

    /** {@code [epoch:]version-release}, as rpm compares it. */
    public String fullVersion() {
        return (epoch == null ? "" : epoch + ":") + version + (release == null || release.isEmpty() ? ""
                : "-" + release);
    }
}
