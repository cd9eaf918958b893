package dev.palisade.image.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Python distributions: {@code *.dist-info/METADATA} (wheels), {@code *.egg-info/PKG-INFO},
 * {@code EGG-INFO/PKG-INFO} and single-file {@code *.egg-info}. Name and version come from the metadata headers.
 */
public final class PythonCataloguer implements Cataloguer {

    private static final long MAX_BYTES = 16L << 20;

    @Override
    public boolean wants(FileEntry file) {
        String path = file.path();
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO")
                || path.endsWith("/EGG-INFO/PKG-INFO") || path.equals("EGG-INFO/PKG-INFO")
                || path.endsWith(".egg-info");
    }

    @Override
    public List<ImagePackage> parse(FileContent file) throws IOException {
        return metadata(new String(file.readAll(MAX_BYTES), StandardCharsets.UTF_8), file.location());
    }

    /** The distribution a METADATA or PKG-INFO document describes; none without name or version. */
    public static List<ImagePackage> metadata(String text, String location) {
        Map<String, String> headers = ControlFields.headers(text);
        String name = headers.get("Name");
        String version = headers.get("Version");
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            return List.of();
        }
        String license = headers.getOrDefault("License-Expression", headers.get("License"));
        List<String> licenses = license == null || license.isBlank() || license.equalsIgnoreCase("UNKNOWN")
                || license.contains("\n") ? List.of() : List.of(license.trim());
        return List.of(new ImagePackage(PackageType.PYPI, name.trim(), version.trim(), null, null, null, null, null,
                licenses, location, null));
    }
}
