package dev.palisade.image.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian packages: {@code /var/lib/dpkg/status}, and {@code /var/lib/dpkg/status.d/*} as distroless images write
 * one file per package. Only installed packages count; a package without a name or a valid version is skipped.
 */
public final class DpkgCataloguer implements Cataloguer {

    static final String STATUS = "var/lib/dpkg/status";
    static final String STATUS_D = "var/lib/dpkg/status.d/";
    private static final long MAX_BYTES = 256L << 20;
    private static final Pattern SOURCE = Pattern.compile("^(\\S+)(?:\\s*\\((\\S+)\\))?$");
    /** dpkg's version syntax: [epoch:]upstream[-revision], upstream starting with a digit. */
    private static final Pattern VERSION = Pattern.compile("^(?:(\\d+):)?(\\d[A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$");

    @Override
    public boolean wants(FileEntry file) {
        return file.path().equals(STATUS) || (file.path().startsWith(STATUS_D)
                && file.path().indexOf('/', STATUS_D.length()) < 0 && !file.fileName().contains("."));
    }

    @Override
    public List<ImagePackage> parse(FileContent file) throws IOException {
        String text = new String(file.readAll(MAX_BYTES), StandardCharsets.UTF_8);
        return parse(text, file.location(), file.path().startsWith(STATUS_D));
    }

    /**
     * The installed packages of a status file.
     *
     * @param statusOptional true for status.d files, which carry no Status field
     */
    public static List<ImagePackage> parse(String text, String location, boolean statusOptional) {
        List<ImagePackage> packages = new ArrayList<>();
        for (Map<String, String> p : ControlFields.paragraphs(text)) {
            String name = p.get("Package");
            String version = p.get("Version");
            if (name == null || name.isEmpty() || version == null || !VERSION.matcher(version).matches()) {
                continue;
            }
            String status = p.get("Status");
            if (status == null ? !statusOptional : !installed(status)) {
                continue;
            }
            String sourceName = null;
            String sourceVersion = null;
            String source = p.get("Source");
            if (source != null && !source.isEmpty()) {
                Matcher m = SOURCE.matcher(source);
                if (m.matches()) {
                    sourceName = m.group(1).equals(name) ? null : m.group(1);
                    sourceVersion = m.group(2) == null || m.group(2).equals(version) ? null : m.group(2);
                }
            }
            packages.add(new ImagePackage(PackageType.DEB, name, version, epoch(version), sourceName, sourceVersion,
                    p.get("Architecture"), null, List.of(), location, null));
        }
        return packages;
    }

    /** Status is "want flag status"; only the status word matters. */
    private static boolean installed(String status) {
        String[] words = status.trim().split("\\s+");
        return words.length == 3 && words[2].equals("installed");
    }

    static Integer epoch(String version) {
        int colon = version.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return Integer.valueOf(version.substring(0, colon));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
