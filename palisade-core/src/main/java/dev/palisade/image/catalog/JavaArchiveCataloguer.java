package dev.palisade.image.catalog;

import dev.palisade.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Iterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Java archives (jar, war, ear and the like), nested archives included (Spring Boot's
 * {@code BOOT-INF/lib}, {@code WEB-INF/lib}). Every valid {@code pom.properties} is a package (a shaded jar carries
 * one per bundled library). When none describes the archive itself (matched against its file name), its
 * {@code MANIFEST.MF} does, if it names a group, an artifact and a version. No network look-ups.
 */
public final class JavaArchiveCataloguer implements Cataloguer {

    private static final Set<String> EXTENSIONS = Set.of("jar", "war", "ear", "par", "sar", "jpi", "hpi", "kar");
    /** Archives nested deeper than this are not opened (a bomb of nested zips ends here). */
    static final int MAX_DEPTH = 16;
    private static final long MAX_SMALL_ENTRY = 1 << 20;
    /** Archives up to this size are opened through their central directory, in memory. */
    private static final int MAX_IN_MEMORY = 64 << 20;
    private static final Pattern FILE_NAME = Pattern.compile("^(.+?)-(\\d[^-]*(?:-.*)?)$");

    @Override
    public boolean wants(FileEntry file) {
        return isArchive(file.fileName()) && file.size() > 0;
    }

    @Override
    public List<ImagePackage> parse(FileContent file) throws IOException {
        return parse(file.stream(), file.location());
    }

    /** The packages of the archive read from {@code in}, located at {@code location}. */
    public static List<ImagePackage> parse(InputStream in, String location) throws IOException {
        Map<String, ImagePackage> found = new LinkedHashMap<>();
        archive(in, location, 0, found);
        return new ArrayList<>(found.values());
    }

    /**
     * An archive up to {@link #MAX_IN_MEMORY} bytes is read into memory and opened by its central directory, so
     * that only the entries that matter are inflated; a larger one is streamed entry by entry.
     */
    private static void archive(InputStream in, String location, int depth, Map<String, ImagePackage> found)
            throws IOException {
        byte[] head = in.readNBytes(MAX_IN_MEMORY + 1);
        if (head.length <= MAX_IN_MEMORY) {
            ZipFile zip;
            try {
                zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(head)).get();
            } catch (IOException | RuntimeException e) {
                throw new ImageException(location + ": not a zip archive (" + e.getMessage() + ")", e);
            }
            try (zip) {
                List<Entry> entries = new ArrayList<>();
                for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntriesInPhysicalOrder())) {
                    entries.add(new Entry(entry.getName(), entry.isDirectory(), () -> zip.getInputStream(entry)));
                }
                describe(entries.iterator(), location, depth, found);
            }
            return;
        }
        ZipArchiveInputStream zip = new ZipArchiveInputStream(new SequenceInputStream(new ByteArrayInputStream(head),
                in), "UTF-8", true, true);
        Iterator<Entry> entries = new Iterator<>() {
            private ZipArchiveEntry next;
            private boolean fetched;

            @Override
            public boolean hasNext() {
                if (!fetched) {
                    try {
                        next = zip.getNextEntry();
                    } catch (IOException e) {
                        throw new ImageException(location + ": corrupt zip archive (" + e.getMessage() + ")", e);
                    }
                    fetched = true;
                }
                return next != null;
            }

            @Override
            public Entry next() {
                hasNext();
                fetched = false;
                ZipArchiveEntry current = next;
                return new Entry(current.getName(), current.isDirectory(), () -> CloseShieldInputStream.wrap(zip));
            }
        };
        describe(entries, location, depth, found);
    }

    /** One archive entry, opened on demand. */
    private record Entry(String name, boolean directory, Opener opener) {
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    /** pom.properties, the manifest and nested archives of one archive, in the archive's order. */
    private static void describe(Iterator<Entry> entries, String location, int depth, Map<String, ImagePackage> found)
            throws IOException {
        String fileName = location.substring(location.lastIndexOf('/') + 1);
        String[] fromName = fromFileName(fileName);
        boolean describesItself = false;
        Manifest manifest = null;
        List<ImagePackage> own = new ArrayList<>();
        while (entries.hasNext()) {
            Entry entry = entries.next();
            if (entry.directory()) {
                continue;
            }
            String name = entry.name();
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (base.equals("pom.properties")) {
                ImagePackage p;
                try (InputStream in = entry.opener().open()) {
                    p = pomProperties(in.readNBytes((int) MAX_SMALL_ENTRY), location);
                }
                if (p != null) {
                    own.add(p);
                    // io.quarkus.gizmo.gizmo-1.1.jar is described by gizmo's pom.properties
                    describesItself |= fromName != null && p.version().equals(fromName[1])
                            && fromName[0].endsWith(p.name().substring(p.name().indexOf(':') + 1));
                }
            } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                try (InputStream in = entry.opener().open()) {
                    manifest = new Manifest(new ByteArrayInputStream(in.readNBytes((int) MAX_SMALL_ENTRY)));
                }
            } else if (isArchive(base) && depth + 1 < MAX_DEPTH) {
                try (InputStream in = entry.opener().open()) {
                    archive(in, location + "!/" + name, depth + 1, found);
                } catch (IOException | RuntimeException e) {
                    // a broken inner archive loses its own packages only
                }
            }
        }
        if (!describesItself && manifest != null) {
            ImagePackage p = fromManifest(manifest, location);
            if (p != null) {
                own.add(p);
            }
        }
        for (ImagePackage p : own) {
            found.putIfAbsent(p.name() + "@" + p.version() + "@" + p.location(), p);
        }
    }

    private static ImagePackage pomProperties(byte[] content, String location) throws IOException {
        Properties properties = new Properties();
        properties.load(new java.io.StringReader(new String(content, StandardCharsets.UTF_8)));
        return maven(properties.getProperty("groupId"), properties.getProperty("artifactId"),
                properties.getProperty("version"), location);
    }

    /** Group from Implementation-Vendor-Id or Bundle-SymbolicName, artifact from the titles, version likewise. */
    static ImagePackage fromManifest(Manifest manifest, String location) {
        var main = manifest.getMainAttributes();
        String group = first(main.getValue("Implementation-Vendor-Id"), groupOfSymbolicName(
                main.getValue("Bundle-SymbolicName")), main.getValue("Implementation-Vendor"),
                main.getValue("Specification-Vendor"));
        String artifact = first(main.getValue("Implementation-Title"), main.getValue("Specification-Title"),
                main.getValue("Bundle-Name"));
        String version = first(main.getValue("Implementation-Version"), main.getValue("Specification-Version"),
                main.getValue("Bundle-Version"));
        return maven(group, artifact, version, location);
    }

    private static String groupOfSymbolicName(String symbolicName) {
        if (symbolicName == null) {
            return null;
        }
        String name = symbolicName.split(";")[0].trim();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static ImagePackage maven(String group, String artifact, String version, String location) {
        if (blank(group) || blank(artifact) || blank(version)) {
            return null;
        }
        return new ImagePackage(PackageType.MAVEN, group.trim() + ":" + artifact.trim(), version.trim(), null, null,
                null, null, null, List.of(), location, null);
    }

    /** {@code name-1.2.3.jar} → {name, 1.2.3}; null when the name carries no version. */
    static String[] fromFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        Matcher m = FILE_NAME.matcher(dot > 0 ? fileName.substring(0, dot) : fileName);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    static boolean isArchive(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
