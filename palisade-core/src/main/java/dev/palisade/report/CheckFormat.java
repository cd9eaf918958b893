package dev.palisade.report;

import dev.palisade.Palisade;
import dev.palisade.scan.Enforcement;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanReport;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code palisade check} (the CI gate) writes: the findings and whether the gate passed (no active finding
 * of an ENFORCE policy). SARIF is the scan's SARIF; JUnit reports one test case per policy.
 */
public enum CheckFormat {
    TABLE, JSON, SARIF, JUNIT, CSV;

    public static CheckFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + text
                    + "' (expected table, json, sarif, junit or csv)");
        }
    }

    public void render(ScanReport report, List<String> policies, Writer out) throws IOException {
        switch (this) {
            case TABLE -> table(report, out);
            case JSON -> json(report, out);
            case SARIF -> new SarifRenderer().render(report, out);
            case JUNIT -> junit(report, policies, out);
            case CSV -> csv(report, out);
        }
    }

    private static boolean blocking(Finding finding) {
        return finding.active() && finding.enforcement() == Enforcement.ENFORCE;
    }

    private static void table(ScanReport report, Writer out) throws IOException {
        List<Finding> blocking = report.enforced();
        StringBuilder text = new StringBuilder();
        report.problems().forEach(p -> text.append(p).append('\n'));
        for (Finding finding : report.findings()) {
            String state = blocking(finding) ? "BLOCK" : finding.exempted() ? "EXEMPT" : "WARN";
            text.append(String.format(Locale.ROOT, "%-6s %-8s %s  %s%s  %s%n", state, finding.severity(),
                    finding.policy(), finding.resource(), finding.container() == null ? "" : " [" + finding.container() + "]",
                    finding.location()));
            text.append("       ").append(finding.message()).append('\n');
            if (finding.exempted()) {
                text.append("       exempted: ").append(finding.exemption()).append('\n');
            }
        }
        text.append(blocking.isEmpty() ? "PASSED" : "FAILED").append(": ").append(blocking.size())
                .append(" blocking, ").append(report.findings().stream().filter(f -> f.active() && !blocking(f)).count())
                .append(" warnings, ").append(report.findings().stream().filter(Finding::exempted).count())
                .append(" exempted; ").append(report.policiesEvaluated()).append(" policies on ")
                .append(report.snapshot().workloads().size()).append(" workloads\n");
        out.write(text.toString());
    }

    private static void json(ScanReport report, Writer out) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", ScanReport.SCHEMA_VERSION);
        root.putObject("tool").put("name", Palisade.NAME).put("version", Palisade.version());
        root.put("passed", report.enforced().isEmpty());
        root.put("policiesEvaluated", report.policiesEvaluated());
        root.put("blocking", report.enforced().size());
        ArrayNode problems = root.putArray("problems");
        report.problems().forEach(p -> problems.addObject().put("level", p.level().name())
                .put("location", p.location().toString()).put("message", p.message()));
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> findings.add(JsonRenderer.finding(f).put("blocking", blocking(f))));
        JsonRenderer.MAPPER.writeValue(out, root);
        out.write('\n');
    }

    private static void junit(ScanReport report, List<String> policies, Writer out) throws IOException {
        Map<String, List<Finding>> byPolicy = new LinkedHashMap<>();
        policies.forEach(id -> byPolicy.put(id, new java.util.ArrayList<>()));
        report.findings().forEach(f -> byPolicy.computeIfAbsent(f.policy(), k -> new java.util.ArrayList<>()).add(f));
        long failures = byPolicy.values().stream().filter(list -> list.stream().anyMatch(CheckFormat::blocking)).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"palisade\" tests=\"").append(byPolicy.size()).append("\" failures=\"")
                .append(failures).append("\">\n  <testsuite name=\"palisade check\" tests=\"").append(byPolicy.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        byPolicy.forEach((policy, findings) -> {
            xml.append("    <testcase classname=\"palisade.policy\" name=\"").append(HtmlRenderer.esc(policy)).append("\"");
            List<Finding> blocking = findings.stream().filter(CheckFormat::blocking).toList();
            String lines = findings.stream().map(f -> (blocking(f) ? "" : f.exempted() ? "[exempted] " : "[warning] ")
                    + f.resource() + (f.container() == null ? "" : " container " + f.container()) + ": " + f.message()
                    + " (" + f.location() + ")").collect(Collectors.joining("\n"));
            if (findings.isEmpty()) {
                xml.append("/>\n");
                return;
            }
            xml.append(">\n");
            if (!blocking.isEmpty()) {
                xml.append("      <failure message=\"").append(blocking.size()).append(" violations of ")
                        .append(HtmlRenderer.esc(policy)).append("\" type=\"").append(blocking.get(0).severity())
                        .append("\">").append(HtmlRenderer.esc(lines)).append("</failure>\n");
            } else {
                xml.append("      <system-out>").append(HtmlRenderer.esc(lines)).append("</system-out>\n");
            }
            xml.append("    </testcase>\n");
        });
        xml.append("  </testsuite>\n</testsuites>\n");
        out.write(xml.toString());
    }

    private static void csv(ScanReport report, Writer out) throws IOException {
        StringBuilder csv = new StringBuilder("policy,severity,enforcement,blocking,exempted,namespace,kind,name,"
                + "container,path,file,line,message\n");
        for (Finding f : report.findings()) {
            csv.append(String.join(",", List.of(f.policy(), f.severity().name(), f.enforcement().name(),
                    String.valueOf(blocking(f)), String.valueOf(f.exempted()), f.resource().namespace(),
                    f.resource().kind(), f.resource().name(), f.container() == null ? "" : f.container(), f.path(),
                    f.location().origin(), String.valueOf(f.location().line()), f.message()).stream()
                    .map(CheckFormat::csvCell).toList())).append('\n');
        }
        out.write(csv.toString());
    }

    /** RFC 4180 quoting; cells starting with = + - @ are prefixed with ' so spreadsheets do not run them. */
    static String csvCell(String value) {
        String cell = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
