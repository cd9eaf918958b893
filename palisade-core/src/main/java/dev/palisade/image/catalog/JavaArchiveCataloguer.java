package dev.palisade.image.catalog;

import dev.palisade.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Java archives (jar, war, ear and the like), streamed entry by entry, nested archives included (Spring Boot's
 * {@code BOOT-INF/lib}, {@code WEB-INF/lib}). Every valid {@code pom.properties} is a package (a shaded jar carries
 * one per bundled library). When none describes the archive itself (matched against its file name), its
 * {@code MANIFEST.MF} does, if it names a group, an artifact and a version. No network look-ups.
 */
public final class JavaArchiveCataloguer implements Cataloguer {

    private static final Set<String> EXTENSIONS = Set.of("jar", "war", "ear", "par", "sar", "jpi", "hpi", "kar");
    /** Archives nested deeper than this are not opened (a bomb of nested zips ends here). */
    static final int MAX_DEPTH = 16;
    private static final long MAX_SMALL_ENTRY = 1 << 20;
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

    private static void archive(InputStream in, String location, int depth, Map<String, ImagePackage> found)
            throws IOException {
        String fileName = location.substring(location.lastIndexOf('/') + 1);
        String[] fromName = fromFileName(fileName);
        boolean describesItself = false;
        Manifest manifest = null;
        List<ImagePackage> own = new ArrayList<>();
        ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true);
        ZipArchiveEntry entry;
        boolean any = false;
        try {
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.equals("pom.properties")) {
                    ImagePackage p = pomProperties(zip.readNBytes((int) MAX_SMALL_ENTRY), location);
                    if (p != null) {
                        own.add(p);
                        // io.quarkus.gizmo.gizmo-1.1.jar is described by gizmo's pom.properties
                        describesItself |= fromName != null && p.version().equals(fromName[1])
                                && fromName[0].endsWith(p.name().substring(p.name().indexOf(':') + 1));
                    }
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes((int) MAX_SMALL_ENTRY)));
                } else if (isArchive(base) && depth + 1 < MAX_DEPTH) {
                    try {
                        archive(new NonClosing(zip), location + "!/" + name, depth + 1, found);
                    } catch (IOException | RuntimeException e) {
                        // a broken inner archive loses its own packages only
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!any) {
                throw new ImageException(location + ": not a zip archive (" + e.getMessage() + ")", e);
            }
            throw new ImageException(location + ": corrupt zip archive (" + e.getMessage() + ")", e);
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

    /** An inner archive is read from its outer stream, which must stay open. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the outer archive goes on
        }
    }
}
