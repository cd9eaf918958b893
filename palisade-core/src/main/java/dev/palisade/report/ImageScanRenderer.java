package dev.palisade.report;

import dev.palisade.image.sbom.SbomFormat;
import dev.palisade.vuln.ImageScan;
import dev.palisade.vuln.Vulnerability;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code palisade image scan -o table|json|sarif|cyclonedx}: one image's vulnerabilities, worst first. CycloneDX
 * is the image's SBOM with a {@code vulnerabilities} list whose entries point at the affected components by purl.
 */
public enum ImageScanRenderer {
    TABLE, JSON, SARIF, CYCLONEDX;

    public static ImageScanRenderer parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + text
                    + "' (expected table, json, sarif or cyclonedx)");
        }
    }

    /** Writes the scan with the vulnerabilities kept (already filtered by severity and fixability). */
    public void write(ImageScan scan, List<Vulnerability> shown, Writer out) throws IOException {
        switch (this) {
            case TABLE -> table(scan, shown, out);
            case JSON -> json(scan, shown, out);
            case SARIF -> sarif(scan, shown, out);
            case CYCLONEDX -> cycloneDx(scan, shown, out);
        }
        out.flush();
    }

    private static void table(ImageScan scan, List<Vulnerability> shown, Writer out) throws IOException {
        out.write(scan.reference() + (scan.digest() == null ? "" : " (" + scan.digest() + ")") + "\n");
        if (scan.catalogue() != null && scan.catalogue().os() != null) {
            out.write("OS: " + scan.catalogue().os().id() + " " + (scan.catalogue().os().versionId() == null ? ""
                    : scan.catalogue().os().versionId()) + "\n");
        }
        out.write(shown.size() + " vulnerabilities shown; database " + (scan.database().isEmpty() ? "none" : scan.database())
                + "\n\n");
        TableRenderer.table(List.of("VULNERABILITY", "SEVERITY", "CVSS", "PACKAGE", "INSTALLED", "FIXED IN"),
                shown.stream().map(v -> List.of(v.id(), v.severity().name().toLowerCase(Locale.ROOT),
                        v.cvssScore() == null ? "" : v.cvssScore().toString(), v.affectedPackage().name(),
                        v.installedVersion(), v.fixedVersion() == null ? "no fix" : v.fixedVersion())).toList(), out);
    }

    private static ObjectNode vulnerability(Vulnerability v) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", v.id()).put("severity", v.severity().name().toLowerCase(Locale.ROOT));
        if (v.cvssScore() != null) {
            node.put("cvss", v.cvssScore()).put("cvssVector", v.cvssVector());
        }
        node.put("package", v.affectedPackage().name()).put("purl", v.affectedPackage().purl())
                .put("installedVersion", v.installedVersion()).put("fixedVersion", v.fixedVersion())
                .put("summary", v.summary());
        v.aliases().forEach(node.putArray("aliases")::add);
        return node;
    }

    private static void json(ImageScan scan, List<Vulnerability> shown, Writer out) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("image", scan.reference()).put("digest", scan.digest()).put("database", scan.database())
                .put("scannedAt", scan.scannedAt() == null ? null : scan.scannedAt().toString());
        ArrayNode list = root.putArray("vulnerabilities");
        shown.forEach(v -> list.add(vulnerability(v)));
        scan.problems().forEach(root.putArray("problems")::add);
        JsonRenderer.MAPPER.writeValue(out, root);
        out.write('\n');
    }

    private static void sarif(ImageScan scan, List<Vulnerability> shown, Writer out) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", "2.1.0").put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Palisade").put("informationUri", "https://github.com/palisade-dev/palisade");
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");
        java.util.Set<String> ruleIds = new java.util.TreeSet<>();
        for (Vulnerability v : shown) {
            if (ruleIds.add(v.id())) {
                rules.addObject().put("id", v.id()).putObject("shortDescription")
                        .put("text", v.summary().isEmpty() ? v.id() : v.summary());
            }
            ObjectNode result = results.addObject();
            result.put("ruleId", v.id()).put("level", switch (v.severity()) {
                case CRITICAL, HIGH -> "error";
                case MEDIUM -> "warning";
                default -> "note";
            });
            result.putObject("message").put("text", v.id() + " in " + v.affectedPackage().name() + " "
                    + v.installedVersion() + (v.fixedVersion() == null ? " (no fix)" : " (fixed in " + v.fixedVersion() + ")"));
            result.putArray("locations").addObject().putObject("physicalLocation").putObject("artifactLocation")
                    .put("uri", scan.reference());
        }
        JsonRenderer.MAPPER.writeValue(out, root);
        out.write('\n');
    }

    private static void cycloneDx(ImageScan scan, List<Vulnerability> shown, Writer out) throws IOException {
        ObjectNode bom = SbomFormat.cycloneDx(scan.catalogue());
        ArrayNode list = bom.putArray("vulnerabilities");
        for (Vulnerability v : shown) {
            ObjectNode node = list.addObject();
            node.put("id", v.id());
            node.putObject("source").put("name", v.sourceIds().isEmpty() ? "OSV" : "OSV " + v.sourceIds().get(0));
            ObjectNode rating = node.putArray("ratings").addObject();
            rating.put("severity", v.severity().name().toLowerCase(Locale.ROOT));
            if (v.cvssScore() != null) {
                rating.put("score", v.cvssScore()).put("method", "CVSSv31").put("vector", v.cvssVector());
            }
            if (!v.summary().isEmpty()) {
                node.put("description", v.summary());
            }
            if (v.fixedVersion() != null) {
                node.put("recommendation", "Upgrade " + v.affectedPackage().name() + " to " + v.fixedVersion());
            }
            node.putArray("affects").addObject().put("ref", v.affectedPackage().purl());
        }
        JsonRenderer.MAPPER.writeValue(out, bom);
        out.write('\n');
    }
}
