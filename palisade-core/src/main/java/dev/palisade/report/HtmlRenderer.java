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

/** One self-contained HTML file (inline CSS, no scripts, no network) with every answer and finding. */
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
