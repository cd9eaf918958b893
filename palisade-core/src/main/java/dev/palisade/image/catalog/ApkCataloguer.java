package dev.palisade.image.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Alpine packages: {@code /lib/apk/db/installed}, one-letter fields (P name, V version, A arch, o origin, L license). */
public final class ApkCataloguer implements Cataloguer {

    static final String INSTALLED = "lib/apk/db/installed";
    private static final long MAX_BYTES = 256L << 20;

    @Override
    public boolean wants(FileEntry file) {
        return file.path().equals(INSTALLED);
    }

    @Override
    public List<ImagePackage> parse(FileContent file) throws IOException {
        return parse(new String(file.readAll(MAX_BYTES), StandardCharsets.UTF_8), file.location());
    }

    public static List<ImagePackage> parse(String text, String location) {
        List<ImagePackage> packages = new ArrayList<>();
        String name = null;
        String version = null;
        String arch = null;
        String origin = null;
        String license = null;
        for (String rawLine : (text + "\n\n").split("\n", -1)) {
            String line = rawLine.strip();
            if (line.isEmpty()) {
                if (name != null && version != null) {
                    packages.add(new ImagePackage(PackageType.APK, name, version, null,
                            origin == null || origin.equals(name) ? null : origin, null, arch, null,
                            license == null ? List.of() : List.of(license), location, null));
                }
                name = version = arch = origin = license = null;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> name = value;
                case 'V' -> version = value;
                case 'A' -> arch = value;
                case 'o' -> origin = value;
                case 'L' -> license = value;
                default -> {
                    // other fields (files, checksums, dependencies) are not needed
                }
            }
        }
        return packages;
    }
}
