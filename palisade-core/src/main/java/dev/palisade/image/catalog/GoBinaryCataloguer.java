package dev.palisade.image.catalog;

import dev.palisade.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
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
        Found found = findBuildInfo(in);
        if (found == null) {
            return List.of();
        }
        if ((found.header()[15] & FLAG_INLINE_STRINGS) == 0) {
            throw new ImageException(location + ": Go build information older than Go 1.18 (pointer format) is not"
                    + " read");
        }
        String goVersion = varintString(found.rest(), location);
        String modInfo = varintString(found.rest(), location);
        return modules(goVersion, modInfo, location);
    }

    /** The 32-byte build info header (marker included), and the stream from right after it. */
    private record Found(byte[] header, InputStream rest) {
    }

    /** Streams until the marker at a 16-byte aligned offset; null when there is none. */
    private static Found findBuildInfo(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int carry = 0;
        long offset = 4;  // the ELF magic was consumed
        while (true) {
            int n = in.readNBytes(buffer, carry, buffer.length - carry);
            int length = carry + n;
            if (length < HEADER) {
                return null;
            }
            for (int i = 0; i + HEADER <= length; i++) {
                if ((offset - carry + i) % 16 == 0 && matchesMagic(buffer, i)) {
                    return new Found(Arrays.copyOfRange(buffer, i, i + HEADER), new SequenceInputStream(
                            new ByteArrayInputStream(buffer, i + HEADER, length - i - HEADER), in));
                }
            }
            if (n == 0) {
                return null;
            }
            System.arraycopy(buffer, length - (HEADER - 1), buffer, 0, HEADER - 1);
            offset += n;
            carry = HEADER - 1;
        }
    }

    private static boolean matchesMagic(byte[] buffer, int at) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (buffer[at + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String varintString(InputStream in, String location) throws IOException {
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
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Parses {@code runtime/debug.BuildInfo} text: path, mod, dep and {@code =>} (replacement) lines. */
    static List<ImagePackage> modules(String goVersion, String modInfo, String location) {
        String text = modInfo;
        // The module text is framed by two 16-byte sentinels.
        if (text.length() >= 33 && text.charAt(text.length() - 17) == '\n') {
            text = text.substring(16, text.length() - 16);
        }
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
