package dev.palisade.image.catalog.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a Berkeley DB hash database (rpm's {@code /var/lib/rpm/Packages} before rpm 4.16). Pages are read
 * in order; each key/value pair's value is either on the page or in a chain of overflow pages. Keys are ignored.
 * Both byte orders are accepted, recognised by the metadata page's magic.
 */
public final class BerkeleyDbHash {

    private static final int HASH_MAGIC = 0x061561;
    private static final int PAGE_HEADER = 26;
    private static final int P_HASH_UNSORTED = 2;
    private static final int P_OVERFLOW = 7;
    private static final int P_HASHMETA = 8;
    private static final int P_HASH = 13;
    private static final int H_KEYDATA = 1;
    private static final int H_OFFPAGE = 3;

    private BerkeleyDbHash() {
    }

    public static boolean matches(ByteBuffer db) {
        return db.capacity() >= 72 && (db.order(ByteOrder.LITTLE_ENDIAN).getInt(12) == HASH_MAGIC
                || db.order(ByteOrder.BIG_ENDIAN).getInt(12) == HASH_MAGIC);
    }

    /**
     * Every value stored.
     *
     * @throws IllegalArgumentException when the file is not a hash database or a page chain is broken
     */
    public static List<byte[]> values(ByteBuffer source) {
        ByteBuffer db = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (db.capacity() < 72) {
            throw new IllegalArgumentException("too short for a Berkeley DB file");
        }
        if (db.getInt(12) != HASH_MAGIC) {
            db.order(ByteOrder.BIG_ENDIAN);
            if (db.getInt(12) != HASH_MAGIC) {
                throw new IllegalArgumentException("not a Berkeley DB hash database (magic "
                        + Integer.toHexString(db.order(ByteOrder.LITTLE_ENDIAN).getInt(12)) + ")");
            }
        }
        int pageSize = db.getInt(20);
        if ((db.get(25) & 0xff) != P_HASHMETA || pageSize < 512 || pageSize > 65536
                || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("Berkeley DB metadata page is not a hash metadata page");
        }
        long pages = db.capacity() / pageSize;
        List<byte[]> values = new ArrayList<>();
        for (int page = 1; page < pages; page++) {
            int base = page * pageSize;
            int type = db.get(base + 25) & 0xff;
            if (type != P_HASH && type != P_HASH_UNSORTED) {
                continue;
            }
            int entries = db.getShort(base + 20) & 0xffff;
            for (int i = 1; i < entries; i += 2) {
                int offset = db.getShort(base + PAGE_HEADER + 2 * i) & 0xffff;
                if (offset < PAGE_HEADER || offset >= pageSize) {
                    throw new IllegalArgumentException("page " + page + ": item offset " + offset + " outside the page");
                }
                int itemType = db.get(base + offset) & 0xff;
                if (itemType == H_OFFPAGE) {
                    values.add(overflow(db, pageSize, pages, db.getInt(base + offset + 4), db.getInt(base + offset + 8)));
                } else if (itemType == H_KEYDATA) {
                    // Items fill the page from its end: this one ends where the previous one starts.
                    int end = i == 0 ? pageSize : db.getShort(base + PAGE_HEADER + 2 * (i - 1)) & 0xffff;
                    if (end > offset + 1 && end <= pageSize) {
                        byte[] value = new byte[end - offset - 1];
                        db.get(base + offset + 1, value);
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }

    private static byte[] overflow(ByteBuffer db, int pageSize, long pages, int first, int totalLength) {
        if (totalLength < 0 || totalLength > db.capacity()) {
            throw new IllegalArgumentException("overflow item of " + totalLength + " bytes is larger than the file");
        }
        byte[] value = new byte[totalLength];
        int filled = 0;
        int page = first;
        int hops = 0;
        while (page != 0 && filled < totalLength) {
            if (page < 0 || page >= pages || ++hops > pages) {
                throw new IllegalArgumentException("overflow chain points to page " + page + " (broken or looping)");
            }
            int base = page * pageSize;
            if ((db.get(base + 25) & 0xff) != P_OVERFLOW) {
                throw new IllegalArgumentException("overflow chain reaches page " + page + ", not an overflow page");
            }
            int length = Math.min(db.getShort(base + 22) & 0xffff, totalLength - filled);
            if (length > pageSize - PAGE_HEADER) {
                throw new IllegalArgumentException("overflow page " + page + " states more data than fits");
            }
            db.get(base + PAGE_HEADER, value, filled, length);
            filled += length;
            page = db.getInt(base + 16);
        }
        if (filled < totalLength) {
            throw new IllegalArgumentException("overflow chain from page " + first + " ends after " + filled + " of "
                    + totalLength + " bytes");
        }
        return value;
    }
}
