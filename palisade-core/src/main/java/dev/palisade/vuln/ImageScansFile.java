package dev.palisade.vuln;

import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.catalog.ImageConfigFacts;
import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.catalog.OsRelease;
import dev.palisade.image.catalog.PackageType;
import dev.palisade.image.catalog.Purls;
import dev.palisade.inventory.ImageRef;
import dev.palisade.source.SourceException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Image scan results written down (YAML or JSON; docs/vulnerabilities.md, "Image scan files"): per image its
 * reference, digest, scan time, configuration facts, packages and vulnerabilities. Policy fixtures use it to give
 * image criteria something to evaluate, and results from elsewhere can be fed to a scan with it.
 */
public final class ImageScansFile {

    private ImageScansFile() {
    }

    public static ImageScans parse(String origin, String text, Instant at) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(text);
        } catch (JacksonException e) {
            throw new SourceException(origin + ": not YAML or JSON: " + e.getOriginalMessage());
        }
        List<ImageScan> scans = new ArrayList<>();
        JsonNode images = root.path("images");
        if (!images.isArray()) {
            throw new SourceException(origin + ": expected a list 'images'");
        }
        for (int i = 0; i < images.size(); i++) {
            scans.add(image(origin + ": images[" + i + "]", images.get(i)));
        }
        return ImageScans.of(scans, KnownExploited.NONE, at);
    }

    private static ImageScan image(String where, JsonNode node) {
        String written = node.path("reference").asString("");
        ImageRef ref;
        try {
            ref = ImageRef.parse(written);
        } catch (IllegalArgumentException e) {
            throw new SourceException(where + ": reference: " + e.getMessage());
        }
        JsonNode os = node.path("os");
        OsRelease release = os.isObject() ? new OsRelease(os.path("id").asString(""),
                os.path("versionId").asString(null), null, null) : null;
        List<ImagePackage> packages = new ArrayList<>();
        Map<String, ImagePackage> byName = new HashMap<>();
        for (JsonNode p : node.path("packages")) {
            PackageType type = type(where, p.path("type").asString(""));
            ImagePackage pkg = new ImagePackage(type, p.path("name").asString(""), p.path("version").asString(""),
                    null, p.path("sourceName").asString(null), null, null, null, List.of(),
                    p.path("location").asString(""), null);
            pkg = new ImagePackage(pkg.type(), pkg.name(), pkg.version(), null, pkg.sourceName(), null, null,
                    Purls.of(pkg, release), List.of(), pkg.location(), null);
            packages.add(pkg);
            byName.put(pkg.name(), pkg);
        }
        List<String> env = new ArrayList<>();
        node.path("env").forEach(e -> env.add(e.asString()));
        ImageConfigFacts config = new ImageConfigFacts(node.path("user").asString(""),
                instant(where + ".created", node.path("created").asString("")), null, null, null, env, null, null);
        Instant scannedAt = instant(where + ".scannedAt", node.path("scannedAt").asString(""));
        ImageCatalogue catalogue = new ImageCatalogue(written, node.path("digest").asString(null), "linux/amd64",
                release, packages, config, scannedAt);
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        for (JsonNode v : node.path("vulnerabilities")) {
            String packageName = v.path("package").asString("");
            ImagePackage pkg = byName.get(packageName);
            if (pkg == null) {
                throw new SourceException(where + ": vulnerability " + v.path("id").asString("") + " names package '"
                        + packageName + "', which the image does not list");
            }
            Double cvss = v.has("cvss") ? v.path("cvss").asDouble() : null;
            String severity = v.path("severity").asString("");
            vulnerabilities.add(new Vulnerability(v.path("id").asString(""), strings(v.path("aliases")), pkg,
                    pkg.version(), v.path("fixedVersion").asString(null),
                    severity.isEmpty() && cvss != null ? VulnSeverity.fromCvssScore(cvss) : VulnSeverity.fromRating(severity),
                    cvss, null, instant(where + ".published", v.path("published").asString("")),
                    v.path("summary").asString(""), List.of(v.path("id").asString(""))));
        }
        return new ImageScan(ref.fullReference(), catalogue, vulnerabilities, scannedAt, "file", List.of());
    }

    private static PackageType type(String where, String text) {
        for (PackageType type : PackageType.values()) {
            if (type.purlType().equals(text.toLowerCase(Locale.ROOT)) || type.name().equalsIgnoreCase(text)) {
                return type;
            }
        }
        throw new SourceException(where + ": unknown package type '" + text + "'");
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(n -> values.add(n.asString()));
        return values;
    }

    private static Instant instant(String where, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new SourceException(where + ": '" + text + "' is not an ISO-8601 time");
        }
    }
}
