package dev.palisade.vuln.db;

import dev.palisade.vuln.osv.Ecosystems;
import dev.palisade.vuln.osv.OsvRecord;
import dev.palisade.vuln.osv.OsvRecord.Affected;
import dev.palisade.vuln.osv.OsvRecord.Event;
import dev.palisade.vuln.osv.OsvRecord.EventKind;
import dev.palisade.vuln.osv.OsvRecord.Range;
import dev.palisade.vuln.osv.OsvRecord.RangeType;
import dev.palisade.vuln.osv.OsvRecord.Score;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store's file format: one file, written to a temporary name beside the target and renamed over it, so a
 * reader sees the old file or the new one, never a mix.
 *
 * <pre>
 * "PALISADE-OSV\n"  magic
 * int               format version
 * string            metadata ({@link StoreInfo}) as JSON
 * int               package keys; each: string key ({@link Ecosystems#packageKey}), int n, n × int record number
 * int               records; then records × long offset into the data section
 * data section      records, each encoded by {@link #writeRecord}
 * </pre>
 * Strings are an int byte length (-1 for null) and UTF-8; times are epoch seconds (Long.MIN_VALUE for
 * null) and an int of nanoseconds. Records are decoded only when a lookup needs them, from a memory-mapped file.
 */
final class StoreFile {

    static final byte[] MAGIC = "PALISADE-OSV\n".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    private static final long NO_TIME = Long.MIN_VALUE;

    private StoreFile() {
    }

    /** Writes a store of these records atomically to {@code target}; returns its metadata. */
    static StoreInfo write(Path target, List<OsvRecord> records, List<SourceInfo> sources, Instant builtAt)
            throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        DataOutputStream dataOut = new DataOutputStream(data);
        long[] offsets = new long[records.size()];
        Map<String, List<Integer>> index = new TreeMap<>();
        Map<String, Integer> perEcosystem = new TreeMap<>();
        int withdrawn = 0;
        for (int i = 0; i < records.size(); i++) {
            OsvRecord record = records.get(i);
            offsets[i] = dataOut.size();
            writeRecord(dataOut, record);
            withdrawn += record.isWithdrawn() ? 1 : 0;
            Set<String> keys = new LinkedHashSet<>();
            Set<String> ecosystems = new LinkedHashSet<>();
            for (Affected affected : record.affected()) {
                keys.add(Ecosystems.packageKey(affected.ecosystem(), affected.name()));
                ecosystems.add(affected.ecosystem());
            }
            for (String key : keys) {
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            ecosystems.forEach(e -> perEcosystem.merge(e, 1, Integer::sum));
        }
        dataOut.flush();
        byte[] dataBytes = data.toByteArray();
        StoreInfo info = new StoreInfo(builtAt, sha256(dataBytes), records.size(), withdrawn, perEcosystem, sources);

        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temporary, StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file, 1 << 16))) {
                out.write(MAGIC);
                out.writeInt(FORMAT_VERSION);
                writeString(out, StoreInfoJson.write(info));
                out.writeInt(index.size());
                for (Map.Entry<String, List<Integer>> entry : index.entrySet()) {
                    writeString(out, entry.getKey());
                    out.writeInt(entry.getValue().size());
                    for (int recordNumber : entry.getValue()) {
                        out.writeInt(recordNumber);
                    }
                }
                out.writeInt(offsets.length);
                for (long offset : offsets) {
                    out.writeLong(offset);
                }
                out.write(dataBytes);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            moveAtomically(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return info;
    }

    /** Renames over the target in one step; fails rather than fall back to a copy a reader could see half done. */
    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void writeRecord(DataOutputStream out, OsvRecord record) throws IOException {
        writeString(out, record.id());
        writeStrings(out, record.aliases());
        writeStrings(out, record.upstream());
        writeString(out, record.summary());
        writeTime(out, record.published());
        writeTime(out, record.modified());
        writeTime(out, record.withdrawn());
        writeScores(out, record.severity());
        writeString(out, record.vendorSeverity());
        out.writeInt(record.affected().size());
        for (Affected affected : record.affected()) {
            writeString(out, affected.ecosystem());
            writeString(out, affected.name());
            writeString(out, affected.purl());
            out.writeInt(affected.ranges().size());
            for (Range range : affected.ranges()) {
                out.writeByte(range.type().ordinal());
                out.writeInt(range.events().size());
                for (Event event : range.events()) {
                    out.writeByte(event.kind().ordinal());
                    writeString(out, event.version());
                }
            }
            writeStrings(out, affected.versions());
            writeScores(out, affected.severity());
            writeString(out, affected.vendorSeverity());
        }
    }

    private static void writeScores(DataOutputStream out, List<Score> scores) throws IOException {
        out.writeInt(scores.size());
        for (Score score : scores) {
            writeString(out, score.type());
            writeString(out, score.score());
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeTime(DataOutputStream out, Instant time) throws IOException {
        out.writeLong(time == null ? NO_TIME : time.getEpochSecond());
        out.writeInt(time == null ? 0 : time.getNano());
    }

    /** The decoded header of a mapped store file. */
    record Header(StoreInfo info, Map<String, int[]> index, long[] offsets, int dataStart) {
    }

    static Header readHeader(Path file, ByteBuffer buffer) {
        try {
            byte[] magic = new byte[MAGIC.length];
            if (buffer.limit() < MAGIC.length || !Arrays.equals(buffer.get(0, magic) == null ? null : magic, MAGIC)) {
                throw new IOException(file + ": not a Palisade vulnerability database");
            }
            ByteBuffer in = buffer.duplicate().position(MAGIC.length);
            int version = in.getInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + ": database format " + version + ", this Palisade reads format "
                        + FORMAT_VERSION + " (run palisade db update)");
            }
            StoreInfo info = StoreInfoJson.read(file, readString(in));
            int keys = in.getInt();
            Map<String, int[]> index = new HashMap<>(keys * 2);
            for (int k = 0; k < keys; k++) {
                String key = readString(in);
                int[] records = new int[in.getInt()];
                for (int i = 0; i < records.length; i++) {
                    records[i] = in.getInt();
                }
                index.put(key, records);
            }
            long[] offsets = new long[in.getInt()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = in.getLong();
            }
            return new Header(info, index, offsets, in.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(file + ": damaged database (" + e + ")", e));
        }
    }

    static OsvRecord readRecord(ByteBuffer in) {
        String id = readString(in);
        List<String> aliases = readStrings(in);
        List<String> upstream = readStrings(in);
        String summary = readString(in);
        Instant published = readTime(in);
        Instant modified = readTime(in);
        Instant withdrawn = readTime(in);
        List<Score> severity = readScores(in);
        String vendorSeverity = readString(in);
        int affectedCount = in.getInt();
        List<Affected> affected = new ArrayList<>(affectedCount);
        for (int a = 0; a < affectedCount; a++) {
            String ecosystem = readString(in);
            String name = readString(in);
            String purl = readString(in);
            int rangeCount = in.getInt();
            List<Range> ranges = new ArrayList<>(rangeCount);
            for (int r = 0; r < rangeCount; r++) {
                RangeType type = RangeType.values()[in.get()];
                int eventCount = in.getInt();
                List<Event> events = new ArrayList<>(eventCount);
                for (int e = 0; e < eventCount; e++) {
                    EventKind kind = EventKind.values()[in.get()];
                    events.add(new Event(kind, readString(in)));
                }
                ranges.add(new Range(type, events));
            }
            affected.add(new Affected(ecosystem, name, purl, ranges, readStrings(in), readScores(in),
                    readString(in)));
        }
        return new OsvRecord(id, aliases, upstream, summary, published, modified, withdrawn, severity,
                vendorSeverity, affected);
    }

    private static List<Score> readScores(ByteBuffer in) {
        int count = in.getInt();
        List<Score> scores = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scores.add(new Score(readString(in), readString(in)));
        }
        return scores;
    }

    private static List<String> readStrings(ByteBuffer in) {
        int count = in.getInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Instant readTime(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        return seconds == NO_TIME ? null : Instant.ofEpochSecond(seconds, nanos);
    }
}
