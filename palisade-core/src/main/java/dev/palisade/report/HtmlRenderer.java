package dev.palisade.report;

import dev.palisade.Palisade;
import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Section;
import dev.palisade.scan.Table;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML file (inline CSS and SVG, no scripts, no network): a summary page (counts, answer
 * status, top risks, a chart per area), then a section per question, the other sections, every finding.
 */
public final class HtmlRenderer implements ReportRenderer {

    static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1200px;\
            padding:0 1rem;color:#1d2430;line-height:1.45}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin:2rem 0 .4rem}
            .meta{color:#5a6472;font-size:.9rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.88rem}
            th,td{border:1px solid #d8dde4;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f2f4f7}
            .status{font-size:.75rem;padding:.1rem .45rem;border-radius:.6rem;margin-left:.5rem;vertical-align:middle}
            .ANSWERED{background:#dcf5e3;color:#17632f}.PARTIAL{background:#fff2cc;color:#7a5a00}
            .NEEDS_DATA{background:#eceff3;color:#4b5563}
            .needs{color:#5a6472;font-style:italic}
            .sev{font-weight:600}.CRITICAL{color:#8b1a89}.HIGH{color:#b42318}.MEDIUM{color:#9a6700}.LOW{color:#1f6f8b}
            .ERROR{color:#b42318}.WARNING{color:#9a6700}
            code{font-size:.85rem}
            .cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
            .card{border:1px solid #d8dde4;border-radius:.5rem;padding:.6rem .9rem;min-width:9rem}
            .card strong{display:block;font-size:1.5rem}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:1rem}
            .chart{border:1px solid #d8dde4;border-radius:.5rem;padding:.6rem}
            .chart h3{font-size:.95rem;margin:.1rem 0 .4rem}
            svg text{font-size:11px;fill:#1d2430}
            """;

    @Override
    public void render(ScanReport report, Writer out) throws IOException {
        Snapshot snapshot = report.snapshot();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Palisade posture report</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Palisade posture report</h1>\n<p class=\"meta\">Palisade ").append(esc(Palisade.version()))
                .append(" · sources: ").append(esc(String.join(", ", snapshot.info().sources())))
                .append(" · read ").append(esc(snapshot.info().loadedAt().toString()))
                .append("<br>").append(snapshot.objects().size()).append(" objects, ")
                .append(snapshot.workloads().size()).append(" workloads, ").append(snapshot.namespaces().size())
                .append(" namespaces, ").append(report.findings().size()).append(" findings</p>\n");
        summary(report, html);
        html.append("<h2>Contents</h2><ol>");
        for (Answer answer : report.answers()) {
            html.append("<li><a href=\"#q").append(answer.number()).append("\">").append(esc(answer.question()))
                    .append("</a></li>");
        }
        html.append("</ol><p><a href=\"#findings\">Findings</a>");
        if (!report.problems().isEmpty()) {
            html.append(" · <a href=\"#problems\">Input problems</a>");
        }
        html.append("</p>\n");
        for (Answer answer : report.answers()) {
            html.append("<h2 id=\"q").append(answer.number()).append("\">").append(answer.number()).append(". ")
                    .append(esc(answer.question())).append("<span class=\"status ").append(answer.status().name())
                    .append("\">").append(answer.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</span></h2>\n<p>").append(esc(answer.summary())).append("</p>\n");
            if (!answer.table().isEmpty()) {
                table(answer.table(), html);
            }
            if (!answer.needs().isEmpty()) {
                html.append("<p class=\"needs\">Needs: ").append(esc(answer.needs())).append("</p>\n");
            }
        }
        for (Section section : report.sections()) {
            html.append("<h2>").append(esc(section.title())).append("</h2>\n<p>").append(esc(section.summary()))
                    .append("</p>\n");
            if (!section.table().isEmpty()) {
                table(section.table(), html);
            }
        }
        html.append("<h2 id=\"findings\">Findings (").append(report.findings().size()).append(")</h2>\n");
        html.append("<table><tr><th>severity</th><th>check</th><th>resource</th><th>message</th><th>source</th></tr>\n");
        for (Finding finding : report.findings()) {
            html.append("<tr><td class=\"sev ").append(finding.severity().name()).append("\">")
                    .append(finding.severity().name()).append(finding.exempted() ? "<br>exempted" : "")
                    .append("</td><td><code>").append(esc(finding.policy()))
                    .append("</code></td><td>").append(esc(finding.resource().toString()))
                    .append(finding.container() == null ? "" : "<br>container " + esc(finding.container()))
                    .append("</td><td>").append(esc(finding.message()))
                    .append(finding.path().isEmpty() ? "" : "<br><code>" + esc(finding.path()) + "</code>")
                    .append("<br><span class=\"meta\">")
                    .append(esc(finding.exempted() ? "Exempted: " + finding.exemption() : finding.remediation()))
                    .append("</span></td><td>")
                    .append(esc(finding.location().toString())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        problems(report.problems(), html);
        html.append("</body></html>\n");
        out.write(html.toString());
    }

    /** Counts, answer status and a chart per area, from the report's own data. */
    private static void summary(ScanReport report, StringBuilder html) {
        html.append("<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">");
        java.util.Map<Answer.Status, Long> statuses = new java.util.EnumMap<>(Answer.Status.class);
        report.answers().forEach(a -> statuses.merge(a.status(), 1L, Long::sum));
        card(html, statuses.getOrDefault(Answer.Status.ANSWERED, 0L) + " / " + report.answers().size(), "questions answered");
        card(html, Long.toString(report.findings().stream().filter(Finding::active).count()), "active findings");
        for (dev.palisade.scan.Severity severity : List.of(dev.palisade.scan.Severity.CRITICAL, dev.palisade.scan.Severity.HIGH)) {
            card(html, Long.toString(report.findings().stream().filter(f -> f.active() && f.severity() == severity).count()),
                    severity.name().toLowerCase(Locale.ROOT));
        }
        card(html, Integer.toString(report.snapshot().workloads().size()), "workloads");
        html.append("</div>\n<div class=\"charts\">\n");
        List<String[]> bySeverity = new java.util.ArrayList<>();
        List<dev.palisade.scan.Severity> severities = new java.util.ArrayList<>(List.of(dev.palisade.scan.Severity.values()));
        java.util.Collections.reverse(severities); // most severe first
        for (dev.palisade.scan.Severity severity : severities) {
            long n = report.findings().stream().filter(f -> f.active() && f.severity() == severity).count();
            if (n > 0) {
                bySeverity.add(new String[] {severity.name().toLowerCase(Locale.ROOT), Long.toString(n)});
            }
        }
        chart(html, "Findings by severity", bySeverity);
        java.util.Map<String, Long> categories = new java.util.TreeMap<>();
        report.findings().stream().filter(Finding::active)
                .forEach(f -> f.categories().forEach(c -> categories.merge(c, 1L, Long::sum)));
        chart(html, "Findings by area", categories.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> new String[] {e.getKey(), Long.toString(e.getValue())}).toList());
        report.answers().stream().filter(a -> a.number() == 5).findFirst().ifPresent(a ->
                chart(html, "Top risks (score)", column(a.table(), "workload", "score")));
        report.sections().stream().filter(s -> s.title().equals("Network")).findFirst().ifPresent(s ->
                chart(html, "Workloads isolated for ingress, per namespace", column(s.table(), "namespace",
                        "ingress isolated")));
        html.append("</div>\n");
    }

    private static void card(StringBuilder html, String value, String label) {
        html.append("<div class=\"card\"><strong>").append(esc(value)).append("</strong>").append(esc(label)).append("</div>");
    }

    /** Rows of (label, value) from two columns of a table; values like {@code 3/5} are kept as the fraction. */
    private static List<String[]> column(Table table, String label, String value) {
        int l = table.columns().indexOf(label);
        int v = table.columns().indexOf(value);
        if (l < 0 || v < 0) {
            return List.of();
        }
        return table.rows().stream().map(r -> new String[] {r.get(l), r.get(v)}).toList();
    }

    /** A horizontal bar chart as inline SVG; a value {@code a/b} draws a/b of the width. */
    private static void chart(StringBuilder html, String title, List<String[]> bars) {
        if (bars.isEmpty()) {
            return;
        }
        double max = bars.stream().mapToDouble(b -> fraction(b[1]) ? 1 : Double.parseDouble(b[1])).max().orElse(1);
        int height = 18 * bars.size() + 4;
        html.append("<div class=\"chart\"><h3>").append(esc(title)).append("</h3><svg width=\"100%\" height=\"")
                .append(height).append("\" viewBox=\"0 0 420 ").append(height).append("\" role=\"img\">");
        for (int i = 0; i < bars.size(); i++) {
            String[] bar = bars.get(i);
            double ratio = fraction(bar[1]) ? ratio(bar[1]) : Double.parseDouble(bar[1]) / (max == 0 ? 1 : max);
            int y = 18 * i + 2;
            html.append("<text x=\"0\" y=\"").append(y + 11).append("\">").append(esc(shorten(bar[0]))).append("</text>")
                    .append("<rect x=\"170\" y=\"").append(y).append("\" width=\"").append(Math.round(200 * ratio))
                    .append("\" height=\"13\" fill=\"#3b6fb6\"/><text x=\"").append(176 + Math.round(200 * ratio))
                    .append("\" y=\"").append(y + 11).append("\">").append(esc(bar[1])).append("</text>");
        }
        html.append("</svg></div>\n");
    }

    private static boolean fraction(String value) {
        return value.matches("\\d+/\\d+");
    }

    private static double ratio(String value) {
        String[] parts = value.split("/");
        double whole = Double.parseDouble(parts[1]);
        return whole == 0 ? 0 : Double.parseDouble(parts[0]) / whole;
    }

    private static String shorten(String label) {
        return label.length() > 28 ? label.substring(0, 27) + "…" : label;
    }

    private static void problems(List<InputProblem> problems, StringBuilder html) {
        if (problems.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"problems\">Input problems (").append(problems.size()).append(")</h2>\n<table>")
                .append("<tr><th>level</th><th>where</th><th>problem</th></tr>\n");
        for (InputProblem problem : problems) {
            html.append("<tr><td class=\"").append(problem.level().name()).append("\">")
                    .append(problem.level().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(esc(problem.location().toString())).append("</td><td>").append(esc(problem.message()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void table(Table table, StringBuilder html) {
        html.append("<table><tr>");
        table.columns().forEach(c -> html.append("<th>").append(esc(c)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(esc(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static String esc(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
