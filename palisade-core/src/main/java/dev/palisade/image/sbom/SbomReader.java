package dev.palisade.image.sbom;

import dev.palisade.image.ImageException;
import dev.palisade.image.ImageProblem;
import dev.palisade.image.ImageResult;
import dev.palisade.image.catalog.ImageAnalyzer;
import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.catalog.ImageConfigFacts;
import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.catalog.OsRelease;
import dev.palisade.image.catalog.PackageType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads CycloneDX JSON and SPDX JSON SBOMs into a catalogue. Packages are identified by their purls (CycloneDX
 * {@code purl}, SPDX {@code externalRefs} of type purl); components without a purl of a known ecosystem are
 * reported and skipped. The distribution comes from an operating-system component or the purls' {@code distro}.
 */
public final class SbomReader {

    private static final long MAX_BYTES = 256L << 20;

    private SbomReader() {
    }

    public static ImageResult read(Path file, Instant now) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImageException(file + ": no such file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new ImageException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB; not read as an SBOM");
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = CatalogueJson.JSON.readTree(in);
        } catch (JacksonException e) {
            throw new ImageException(file + ": not a JSON SBOM (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ImageException(file + ": not a JSON SBOM");
        }
        if ("CycloneDX".equals(root.path("bomFormat").asString(""))) {
            return cycloneDx(root, file.toString(), now);
        }
        if (root.path("spdxVersion").asString("").startsWith("SPDX-")) {
            return spdx(root, file.toString(), now);
        }
        throw new ImageException(file + ": neither a CycloneDX JSON nor an SPDX JSON document");
    }

    private static ImageResult cycloneDx(JsonNode root, String where, Instant now) {
        List<ImageProblem> problems = new ArrayList<>();
        List<ImagePackage> packages = new ArrayList<>();
        OsRelease os = null;
        List<JsonNode> components = new ArrayList<>();
        collect(root.path("components"), components);
        for (JsonNode c : components) {
            if (c.path("type").asString("").equals("operating-system")) {
                os = new OsRelease(c.path("name").asString("").toLowerCase(java.util.Locale.ROOT),
                        c.path("version").asString(null), null, null);
                continue;
            }
            Map<String, String> properties = new HashMap<>();
            for (JsonNode p : c.path("properties")) {
                properties.put(p.path("name").asString(""), p.path("value").asString(""));
            }
            List<String> licenses = new ArrayList<>();
            for (JsonNode l : c.path("licenses")) {
                String name = l.path("license").path("id").asString(l.path("license").path("name")
                        .asString(l.path("expression").asString("")));
                if (!name.isEmpty()) {
                    licenses.add(name);
                }
            }
            add(c.path("purl").asString(""), c.path("name").asString("?"), licenses, properties, where, packages,
                    problems);
        }
        JsonNode subject = root.path("metadata").path("component");
        return result(subject.path("name").asString(where), os, packages, problems, now);
    }

    private static void collect(JsonNode components, List<JsonNode> out) {
        for (JsonNode c : components) {
            out.add(c);
            collect(c.path("components"), out);
        }
    }

    private static ImageResult spdx(JsonNode root, String where, Instant now) {
        List<ImageProblem> problems = new ArrayList<>();
        List<ImagePackage> packages = new ArrayList<>();
        OsRelease os = null;
        for (JsonNode p : root.path("packages")) {
            String purl = "";
            for (JsonNode ref : p.path("externalRefs")) {
                if (ref.path("referenceType").asString("").equals("purl")) {
                    purl = ref.path("referenceLocator").asString("");
                }
            }
            if (purl.isEmpty()) {
                if (p.path("primaryPackagePurpose").asString("").equals("OPERATING-SYSTEM")) {
                    os = new OsRelease(p.path("name").asString("").toLowerCase(java.util.Locale.ROOT),
                            p.path("versionInfo").asString(null), null, null);
                }
                continue;  // the document's subject, files and the like
            }
            String license = p.path("licenseDeclared").asString("NOASSERTION");
            List<String> licenses = license.equals("NOASSERTION") || license.equals("NONE") ? List.of()
                    : List.of(license);
            add(purl, p.path("name").asString("?"), licenses, Map.of(), where, packages, problems);
        }
        return result(root.path("name").asString(where), os, packages, problems, now);
    }

    private static void add(String purlText, String name, List<String> licenses, Map<String, String> properties,
                            String where, List<ImagePackage> packages, List<ImageProblem> problems) {
        if (purlText.isEmpty()) {
            problems.add(new ImageProblem(where, "component '" + name + "' has no purl; skipped"));
            return;
        }
        Purl purl;
        PackageType type;
        try {
            purl = Purl.parse(purlText);
            type = CatalogueJson.type(purl.type());
        } catch (IllegalArgumentException e) {
            problems.add(new ImageProblem(where, "component '" + name + "': " + e.getMessage() + "; skipped"));
            return;
        }
        String packageName = purl.name();
        if (purl.namespace() != null && !type.os()) {
            packageName = purl.namespace() + (type == PackageType.MAVEN ? ":" : "/") + purl.name();
        }
        Integer epoch = null;
        String version = purl.version();
        String epochText = purl.qualifiers().get("epoch");
        if (epochText != null && epochText.matches("\\d+")) {
            epoch = Integer.valueOf(epochText);
            version = epoch + ":" + version;
        }
        String sourceName = purl.qualifiers().getOrDefault("upstream", properties.get("aquasecurity:trivy:SrcName"));
        if (sourceName != null && (sourceName.equals(packageName) || sourceName.isEmpty())) {
            sourceName = null;
        }
        packages.add(new ImagePackage(type, packageName, version, epoch, sourceName, null,
                purl.qualifiers().get("arch"), purlText, licenses, properties.get("palisade:location"),
                properties.get("palisade:layer")));
    }

    private static ImageResult result(String reference, OsRelease os, List<ImagePackage> packages,
                                      List<ImageProblem> problems, Instant now) {
        if (os == null) {
            os = packages.stream().filter(p -> p.type().os() && p.purl() != null)
                    .map(p -> osFromPurl(Purl.parse(p.purl()))).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
        }
        packages.sort(ImageAnalyzer.ORDER);
        return new ImageResult(new ImageCatalogue(reference, null, null, os, packages, ImageConfigFacts.none(), now),
                problems, false);
    }

    /** {@code distro=debian-12} or, for apk, {@code distro=3.19.1} with the namespace as id. */
    private static OsRelease osFromPurl(Purl purl) {
        String distro = purl.qualifiers().get("distro");
        if (distro == null || purl.namespace() == null) {
            return null;
        }
        String prefix = purl.namespace() + "-";
        return new OsRelease(purl.namespace(), distro.startsWith(prefix) ? distro.substring(prefix.length()) : distro,
                null, null);
    }
}
