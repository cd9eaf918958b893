package dev.palisade.image.catalog.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * rpm's NDB format ({@code Packages.db}, SUSE): a header and slot table (16-byte slots: magic, package index, block
 * offset, block count), and blobs at 16-byte blocks, each with a 16-byte header (magic, package index, checksum,
 * length). Little-endian.
 */
public final class NdbPackages {

    private static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    private static final int SLOTS_PER_PAGE = 4096 / 16;
    private static final int BLOCK = 16;

    private NdbPackages() {
    }

    public static boolean matches(ByteBuffer db) {
        return db.capacity() >= 32 && db.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(0) == HEADER_MAGIC;
    }

    /** The header blobs of every used slot. */
    public static List<byte[]> blobs(ByteBuffer source) {
        ByteBuffer db = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (!matches(db)) {
            throw new IllegalArgumentException("not an rpm NDB database");
        }
        long slotPages = db.getInt(12) & 0xffffffffL;
        long slots = slotPages * SLOTS_PER_PAGE - 2;  // the header takes the first two slots
        if (slotPages <= 0 || 32 + slots * 16 > db.capacity()) {
            throw new IllegalArgumentException("NDB header states " + slotPages + " slot pages, more than the file has");
        }
        List<byte[]> blobs = new ArrayList<>();
        for (long s = 0; s < slots; s++) {
            int at = (int) (32 + s * 16);
            if (db.getInt(at) != SLOT_MAGIC) {
                throw new IllegalArgumentException("NDB slot " + s + " has a bad magic");
            }
            int pkgIndex = db.getInt(at + 4);
            if (pkgIndex == 0) {
                continue;
            }
            long blobAt = (db.getInt(at + 8) & 0xffffffffL) * BLOCK;
            if (blobAt + 16 > db.capacity() || db.getInt((int) blobAt) != BLOB_MAGIC
                    || db.getInt((int) blobAt + 4) != pkgIndex) {
                throw new IllegalArgumentException("NDB slot " + s + " points to a missing or foreign blob");
            }
            long length = db.getInt((int) blobAt + 12) & 0xffffffffL;
            if (blobAt + 16 + length > db.capacity()) {
                throw new IllegalArgumentException("NDB blob of package " + pkgIndex + " runs past the end of the file");
            }
            byte[] blob = new byte[(int) length];
            db.get((int) blobAt + 16, blob);
            blobs.add(blob);
        }
        return blobs;
    }
}
