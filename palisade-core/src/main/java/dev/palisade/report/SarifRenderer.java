package dev.palisade.report;

import dev.palisade.Palisade;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Severity;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SARIF 2.1.0: one rule per check, one result per finding, located at the manifest file and line (objects
 * read from a live cluster get a logical location only). Levels follow the usual mapping: CRITICAL and HIGH
 * are errors, MEDIUM warnings, LOW notes; {@code security-severity} lets code-scanning UIs rank them.
 */
public final class SarifRenderer implements ReportRenderer {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public void render(ScanReport report, Writer out) throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Palisade");
        driver.put("version", Palisade.version());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            if (ruleIndex.containsKey(finding.policy())) {
                continue;
            }
            ruleIndex.put(finding.policy(), ruleIndex.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", finding.policy());
            rule.put("name", finding.policy());
            rule.putObject("shortDescription").put("text", finding.title());
            rule.putObject("help").put("text", finding.remediation());
            rule.putObject("defaultConfiguration").put("level", level(finding.severity()));
            ObjectNode properties = rule.putObject("properties");
            properties.put("security-severity", securitySeverity(finding.severity()));
            properties.putArray("tags").add("security").add("kubernetes").add(finding.severity().name());
            if (!finding.equivalents().isEmpty()) {
                ObjectNode equivalents = properties.putObject("equivalents");
                new java.util.TreeMap<>(finding.equivalents()).forEach(equivalents::put);
            }
        }
        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", finding.policy());
            result.put("ruleIndex", ruleIndex.get(finding.policy()));
            result.put("level", level(finding.severity()));
            result.putObject("message").put("text", finding.resource() + ": " + finding.message());
            ObjectNode location = result.putArray("locations").addObject();
            SourceLocation source = finding.location();
            if (source.document() > 0) {
                ObjectNode physical = location.putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(source.origin()));
                if (source.line() > 0) {
                    physical.putObject("region").put("startLine", source.line());
                }
            }
            location.putArray("logicalLocations").addObject()
                    .put("fullyQualifiedName", finding.resource() + (finding.container() == null ? ""
                            : " container " + finding.container()))
                    .put("kind", "resource");
            if (!finding.path().isEmpty()) {
                result.putObject("properties").put("path", finding.path());
            }
            if (finding.exempted()) {
                result.putArray("suppressions").addObject().put("kind", "inSource")
                        .put("justification", finding.exemption());
            }
        }
        JsonRenderer.MAPPER.writeValue(out, root);
        out.write('\n');
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
        };
    }

    /** A relative path stays relative (forward slashes, percent-encoded); an absolute one becomes a file URI. */
    static String uri(String origin) {
        Path path = Path.of(origin);
        if (path.isAbsolute()) {
            return path.toUri().toString();
        }
        String slashed = origin.replace('\\', '/');
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (java.net.URISyntaxException e) {
            return slashed;
        }
    }
}
