package dev.palisade.report;

import dev.palisade.compliance.ComplianceReport;
import dev.palisade.compliance.ControlResult;
import dev.palisade.compliance.Evidence;
import dev.palisade.compliance.Status;
import dev.palisade.compliance.Verdict;
import dev.palisade.inventory.SourceLocation;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The formats of {@code palisade compliance -o} (docs/compliance.md): a table with each control's status and its
 * failing evidence, JSON with every control's evidence and scopes and the adherence summary, CSV (a row a control)
 * and a self-contained HTML page.
 */
public enum ComplianceFormat {
    TABLE, JSON, CSV, HTML;

    /** Failing evidence lines shown per control in the table and HTML; JSON has them all. */
    static final int EVIDENCE_SHOWN = 5;

    public static ComplianceFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + text + "' (expected table, json, csv or html)");
        }
    }

    public void write(ComplianceReport report, Writer out) throws IOException {
        switch (this) {
            case TABLE -> out.write(table(report));
            case JSON -> {
                JsonRenderer.MAPPER.writeValue(out, json(report));
                out.write('\n');
            }
            case CSV -> out.write(csv(report));
            case HTML -> out.write(html(report));
        }
    }

    private static String headline(ComplianceReport report) {
        ComplianceReport.Summary summary = report.summary();
        return "Adherence " + summary.percent() + "%: " + summary.pass() + " of " + summary.judged()
                + " judged controls pass in every scope; " + summary.fail() + " fail, " + summary.manual()
                + " need manual review, " + summary.notApplicable() + " do not apply.";
    }

    /** What the table and HTML show under a control: failing evidence, else why it is not judged, else one pass. */
    static List<String> notes(ControlResult result) {
        List<String> notes = new ArrayList<>();
        result.mappings().forEach(m -> notes.add("maps " + m.target() + " [" + m.status() + "]: " + m.why()));
        List<String> evidence = new ArrayList<>();
        for (Verdict verdict : result.verdicts()) {
            for (Evidence item : verdict.evidence()) {
                if (item.status() == result.status() && (result.status() == Status.FAIL || evidence.isEmpty())) {
                    evidence.add(verdict.scope() + ": " + item.subject() + ": " + item.detail());
                }
            }
        }
        if (result.status() == Status.FAIL || result.mappings().isEmpty()) {
            evidence.stream().limit(EVIDENCE_SHOWN).forEach(notes::add);
            if (evidence.size() > EVIDENCE_SHOWN) {
                notes.add("... and " + (evidence.size() - EVIDENCE_SHOWN) + " more (-o json lists them all)");
            }
        }
        if (!result.reason().isEmpty()) {
            notes.add(result.reason());
        }
        return notes;
    }

    private static String table(ComplianceReport report) {
        StringBuilder text = new StringBuilder();
        text.append(report.standard().title()).append(" (").append(report.standard().id()).append(")")
                .append(report.cluster().isEmpty() ? "" : " on cluster " + report.cluster()).append('\n')
                .append(headline(report)).append("\n\n");
        String section = null;
        for (ControlResult result : report.results()) {
            if (!result.control().section().equals(section)) {
                section = result.control().section();
                text.append(section).append('\n');
            }
            text.append(String.format("  %-20s %-14s %-9s %s%n", result.control().id(), result.status(),
                    result.control().automated() ? "automated" : "manual", result.control().title()));
            notes(result).forEach(note -> text.append("  ").append(" ".repeat(22)).append(note).append('\n'));
        }
        text.append("\nAdherence by scope\n");
        text.append(String.format("  %-40s %-10s %-8s %s%n", "SCOPE", "ADHERENCE", "PASSING", "FAILING CONTROLS"));
        for (ComplianceReport.Adherence scope : report.adherence()) {
            text.append(String.format("  %-40s %-10s %-8s %s%n", scope.scope(), scope.percent() + "%",
                    scope.passing() + "/" + scope.judged(), String.join(", ", scope.failingControls())));
        }
        return text.toString();
    }

    static ObjectNode json(ComplianceReport report) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("standard", report.standard().id());
        root.put("title", report.standard().title());
        root.put("cluster", report.cluster());
        ArrayNode controls = root.putArray("controls");
        for (ControlResult result : report.results()) {
            ObjectNode control = controls.addObject();
            control.put("id", result.control().id());
            control.put("title", result.control().title());
            control.put("section", result.control().section());
            control.put("status", result.status().name());
            control.put("automated", result.control().automated());
            control.put("reason", result.reason());
            ArrayNode evidence = control.putArray("evidence");
            ArrayNode scopes = control.putArray("scopes");
            for (Verdict verdict : result.verdicts()) {
                scopes.addObject().put("scope", verdict.scope().toString()).put("status", verdict.status().name());
                for (Evidence item : verdict.evidence()) {
                    ObjectNode node = evidence.addObject().put("scope", verdict.scope().toString())
                            .put("status", item.status().name()).put("resource", item.subject())
                            .put("detail", item.detail());
                    location(node, item.location());
                }
            }
            if (!result.mappings().isEmpty()) {
                ArrayNode mappings = control.putArray("mappings");
                result.mappings().forEach(m -> mappings.addObject().put("to", m.target()).put("why", m.why())
                        .put("status", m.status().name()));
            }
            ObjectNode equivalents = control.putObject("equivalents");
            result.control().equivalents().forEach(equivalents::put);
        }
        ComplianceReport.Summary summary = report.summary();
        ObjectNode node = root.putObject("summary");
        node.put("controls", report.results().size()).put("pass", summary.pass()).put("fail", summary.fail())
                .put("manual", summary.manual()).put("notApplicable", summary.notApplicable())
                .put("judged", summary.judged()).put("adherence", summary.percent());
        ArrayNode scopes = node.putArray("scopes");
        for (ComplianceReport.Adherence scope : report.adherence()) {
            ObjectNode item = scopes.addObject().put("scope", scope.scope().toString())
                    .put("kind", scope.scope().kind().name().toLowerCase(Locale.ROOT)).put("name", scope.scope().name())
                    .put("passing", scope.passing()).put("failing", scope.failing()).put("judged", scope.judged())
                    .put("adherence", scope.percent());
            ArrayNode failing = item.putArray("failingControls");
            scope.failingControls().forEach(failing::add);
        }
        return root;
    }

    private static void location(ObjectNode node, SourceLocation location) {
        if (location == null) {
            node.putNull("location");
        } else {
            node.putObject("location").put("file", location.origin()).put("line", location.line());
        }
    }

    private static String csv(ComplianceReport report) {
        StringBuilder csv = new StringBuilder("standard,id,status,automated,section,title,failing scopes,details\n");
        for (ControlResult result : report.results()) {
            List<String> failing = result.verdicts().stream().filter(v -> v.status() == Status.FAIL)
                    .map(v -> v.scope().toString()).toList();
            csv.append(String.join(",", List.of(report.standard().id(), result.control().id(), result.status().name(),
                    String.valueOf(result.control().automated()), result.control().section(), result.control().title(),
                    String.join(" ", failing), String.join(" | ", notes(result))).stream()
                    .map(CheckFormat::csvCell).toList())).append('\n');
        }
        return csv.toString();
    }

    private static String html(ComplianceReport report) {
        String esc = report.standard().title();
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(HtmlRenderer.esc(esc)).append("</title><style>").append(HtmlRenderer.STYLE)
                .append(".PASS{color:#17632f;font-weight:600}.FAIL{color:#b42318;font-weight:600}")
                .append(".MANUAL{color:#7a5a00}.NOT_APPLICABLE{color:#5a6472}ul{margin:.2rem 0;padding-left:1.1rem}")
                .append("</style></head><body>\n");
        html.append("<h1>").append(HtmlRenderer.esc(esc)).append("</h1>\n<p class=\"meta\">")
                .append(HtmlRenderer.esc(report.standard().id()))
                .append(report.cluster().isEmpty() ? "" : " · cluster " + HtmlRenderer.esc(report.cluster()))
                .append("<br>").append(HtmlRenderer.esc(headline(report))).append("</p>\n");
        html.append("<h2>Adherence by scope</h2><table><tr><th>scope</th><th>adherence</th><th>passing</th>")
                .append("<th>failing controls</th></tr>\n");
        for (ComplianceReport.Adherence scope : report.adherence()) {
            html.append("<tr><td>").append(HtmlRenderer.esc(scope.scope().toString())).append("</td><td>")
                    .append(scope.percent()).append("%</td><td>").append(scope.passing()).append('/')
                    .append(scope.judged()).append("</td><td>")
                    .append(HtmlRenderer.esc(String.join(", ", scope.failingControls()))).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Controls</h2><table><tr><th>id</th><th>status</th><th>type</th><th>control</th>")
                .append("</tr>\n");
        for (ControlResult result : report.results()) {
            html.append("<tr><td>").append(HtmlRenderer.esc(result.control().id())).append("</td><td class=\"")
                    .append(result.status()).append("\">").append(result.status()).append("</td><td>")
                    .append(result.control().automated() ? "automated" : "manual").append("</td><td>")
                    .append(HtmlRenderer.esc(result.control().title())).append("<ul>");
            notes(result).forEach(n -> html.append("<li>").append(HtmlRenderer.esc(n)).append("</li>"));
            html.append("</ul></td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }
}
