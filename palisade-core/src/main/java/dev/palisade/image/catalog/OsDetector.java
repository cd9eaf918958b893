package dev.palisade.image.catalog;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution of an image: {@code /etc/os-release} (or {@code /usr/lib/os-release}), else the distribution's
 * own release files.
 */
public final class OsDetector {

    /** Release files are tiny; anything larger is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final List<String> OS_RELEASE = List.of("etc/os-release", "usr/lib/os-release");
    private static final List<String> DISTRO_FILES = List.of("etc/alpine-release", "etc/debian_version",
            "etc/centos-release", "etc/redhat-release", "etc/fedora-release", "etc/system-release");
    private static final Pattern RELEASE_LINE = Pattern.compile("(?i)^(\\S+(?: \\S+)*?) (?:linux )?release ([0-9.]+)");

    private OsDetector() {
    }

    /** True for the files detection reads; the analyser keeps their content. */
    public static boolean wants(String path) {
        return OS_RELEASE.contains(path) || DISTRO_FILES.contains(path);
    }

    /** Detects the distribution from the visible files; {@code read} follows symbolic links. */
    public static OsRelease detect(Function<String, Optional<byte[]>> read) {
        for (String path : OS_RELEASE) {
            Optional<byte[]> content = read.apply(path);
            if (content.isPresent()) {
                OsRelease os = parseOsRelease(new String(content.get(), StandardCharsets.UTF_8));
                if (os != null) {
                    return os;
                }
            }
        }
        Optional<byte[]> alpine = read.apply("etc/alpine-release");
        if (alpine.isPresent()) {
            String version = new String(alpine.get(), StandardCharsets.UTF_8).trim();
            return new OsRelease("alpine", version, null, "Alpine Linux v" + version);
        }
        Optional<byte[]> debian = read.apply("etc/debian_version");
        if (debian.isPresent()) {
            String version = new String(debian.get(), StandardCharsets.UTF_8).trim();
            String major = version.matches("[0-9]+(\\..*)?") ? version.split("\\.")[0] : null;
            return new OsRelease("debian", major, major == null ? version.replace("/sid", "") : null, null);
        }
        for (String path : List.of("etc/centos-release", "etc/fedora-release", "etc/redhat-release",
                "etc/system-release")) {
            Optional<byte[]> content = read.apply(path);
            if (content.isPresent()) {
                String line = new String(content.get(), StandardCharsets.UTF_8).trim();
                Matcher m = RELEASE_LINE.matcher(line);
                if (m.find()) {
                    String name = m.group(1).toLowerCase(Locale.ROOT);
                    String id = name.startsWith("centos") ? "centos" : name.startsWith("fedora") ? "fedora"
                            : name.startsWith("red hat") ? "rhel" : name.split(" ")[0];
                    return new OsRelease(id, m.group(2), null, line);
                }
            }
        }
        return null;
    }

    /** The fields of an os-release file; null when it names no ID. */
    public static OsRelease parseOsRelease(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || eq < 1) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            fields.put(line.substring(0, eq).trim(), value);
        }
        String id = fields.get("ID");
        if (id == null || id.isEmpty()) {
            return null;
        }
        return new OsRelease(id.toLowerCase(Locale.ROOT), fields.get("VERSION_ID"), fields.get("VERSION_CODENAME"),
                fields.get("PRETTY_NAME"));
    }
}
