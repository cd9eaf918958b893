package dev.palisade.image.catalog;

import dev.palisade.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go binaries: the build information the Go toolchain (1.18 and later) embeds after the {@code \xff Go buildinf:}
 * marker, found by streaming the executable once. Yields the main module, each dependency (replacements applied)
 * and {@code stdlib} at the toolchain's version.
 */
public final class GoBinaryCataloguer implements Cataloguer {

    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    /** The build info header: magic, pointer size, flags, then (Go 1.18+) two varint-prefixed strings at 32. */
    private static final int HEADER = 32;
    private static final int FLAG_INLINE_STRINGS = 0x2;
    private static final int MAX_STRING = 1 << 20;
    private static final long MIN_SIZE = 1024;
    /** The sentinels around the module text (runtime/debug's modinfo). */
    private static final byte[] MOD_START = java.util.HexFormat.of().parseHex("3077af0c9274080241e1c107e6d618e6");
    private static final byte[] MOD_END = java.util.HexFormat.of().parseHex("f932433186182072008242104116d8f2");

    @Override
    public boolean wants(FileEntry file) {
        return file.executable() && file.size() >= MIN_SIZE;
    }

    @Override
    public List<ImagePackage> parse(FileContent file) throws IOException {
        return parse(file.stream(), file.location());
    }

    /** The modules of the Go binary read from {@code in}; none when it is not a Go binary. */
    public static List<ImagePackage> parse(InputStream in, String location) throws IOException {
        byte[] head = in.readNBytes(4);
        if (!Arrays.equals(head, ELF)) {
            return List.of();
        }
        Scan scan = scan(in);
        if (scan.header == null) {
            return List.of();
        }
        if ((scan.header[15] & FLAG_INLINE_STRINGS) != 0) {
            InputStream rest = new ByteArrayInputStream(scan.afterHeader.toByteArray());
            String goVersion = new String(varint(rest, location), StandardCharsets.UTF_8);
            return modules(goVersion, varint(rest, location), location);
        }
        // Before Go 1.18 the header holds pointers; the module text is still framed by its sentinels in the data,
        // but the toolchain version is only reachable through the pointers, so stdlib is not listed.
        if (scan.modInfo == null) {
            throw new ImageException(location + ": Go binary (before Go 1.18) without module information");
        }
        return modules("", scan.modInfo.toByteArray(), location);
    }

    /** What one pass over the binary found. */
    private static final class Scan {
        byte[] header;
        java.io.ByteArrayOutputStream afterHeader = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream modInfo;
        boolean modInfoComplete;

        boolean done() {
            boolean inline = header != null && (header[15] & FLAG_INLINE_STRINGS) != 0;
            return inline ? afterHeader.size() >= MAX_STRING : header != null && modInfoComplete;
        }
    }

    /**
     * Streams the binary once, looking for the build info header (at a 16-byte aligned offset) and, for the
     * pointer format, the sentinel-framed module text; keeps only what follows them, bounded.
     */
    private static Scan scan(InputStream in) throws IOException {
        Scan scan = new Scan();
        byte[] buffer = new byte[1 << 16];
        int overlap = HEADER - 1;
        int carry = 0;
        long position = 4;  // file offset of buffer[carry]; the ELF magic was consumed
        while (!scan.done()) {
            int n = in.readNBytes(buffer, carry, buffer.length - carry);
            int length = carry + n;
            long base = position - carry;
            for (int i = 0; i < length; i++) {
                if (scan.header != null && (scan.header[15] & FLAG_INLINE_STRINGS) != 0) {
                    if (i >= carry) {
                        scan.afterHeader.write(buffer[i]);
                    }
                    continue;
                }
                if (scan.modInfo != null && !scan.modInfoComplete && i >= carry) {
                    scan.modInfo.write(buffer[i]);
                    if (endsWith(scan.modInfo, MOD_END) || scan.modInfo.size() > MAX_STRING) {
                        scan.modInfoComplete = true;
                    }
                }
                if (i + HEADER <= length && scan.header == null && (base + i) % 16 == 0
                        && matches(buffer, i, MAGIC)) {
                    scan.header = Arrays.copyOfRange(buffer, i, i + HEADER);
                    carry = 0;
                    if ((scan.header[15] & FLAG_INLINE_STRINGS) != 0) {
                        scan.afterHeader.write(buffer, i + HEADER, length - i - HEADER);
                        i = length;
                    }
                } else if (scan.modInfo == null && i + MOD_START.length <= length
                        && matches(buffer, i, MOD_START)) {
                    scan.modInfo = new java.io.ByteArrayOutputStream();
                    scan.modInfo.write(buffer, i, Math.min(length, i + MOD_START.length) - i);
                    i += MOD_START.length - 1;
                    carry = 0;
                }
            }
            if (n == 0) {
                break;
            }
            position += n;
            carry = Math.min(overlap, length);
            System.arraycopy(buffer, length - carry, buffer, 0, carry);
        }
        return scan;
    }

    private static boolean matches(byte[] buffer, int at, byte[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            if (buffer[at + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(java.io.ByteArrayOutputStream out, byte[] suffix) {
        if (out.size() < suffix.length * 2) {
            return false;
        }
        byte[] bytes = out.toByteArray();
        return Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
    }

    private static byte[] varint(InputStream in, String location) throws IOException {
        long length = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0 || shift > 28) {
                throw new ImageException(location + ": truncated Go build information");
            }
            length |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (length > MAX_STRING) {
            throw new ImageException(location + ": Go build information string of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new ImageException(location + ": truncated Go build information");
        }
        return bytes;
    }

    /** Parses {@code runtime/debug.BuildInfo} text: path, mod, dep and {@code =>} (replacement) lines. */
    static List<ImagePackage> modules(String goVersion, byte[] modInfo, String location) {
        // The module text is framed by two 16-byte sentinels.
        boolean framed = modInfo.length >= 33 && modInfo[modInfo.length - 17] == '\n';
        String text = framed ? new String(modInfo, 16, modInfo.length - 32, StandardCharsets.UTF_8)
                : new String(modInfo, StandardCharsets.UTF_8);
        List<ImagePackage> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[0].equals("mod")) {
                String version = f.length >= 3 && !f[2].equals("(devel)") ? f[2] : "";
                out.add(go(f[1], version, location));
            } else if (f.length >= 3 && f[0].equals("dep")) {
                out.add(go(f[1], f[2], location));
            } else if (f.length >= 3 && f[0].equals("=>") && !out.isEmpty()) {
                out.set(out.size() - 1, go(f[1], f[2], location));
            }
        }
        if (goVersion.startsWith("go")) {
            String version = goVersion.substring(2).split("[ +]")[0];
            out.add(go("stdlib", "v" + version, location));
        }
        return out;
    }

    private static ImagePackage go(String module, String version, String location) {
        return new ImagePackage(PackageType.GO, module, version, null, null, null, null, null, List.of(), location,
                null);
    }
}
