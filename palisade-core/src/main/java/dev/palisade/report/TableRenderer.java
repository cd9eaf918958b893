package dev.palisade.report;

import dev.palisade.Palisade;
import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Section;
import dev.palisade.scan.Severity;
import dev.palisade.scan.Table;
import java.io.IOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human report: one section per question, then the input problems and the findings, aligned. */
public final class TableRenderer implements ReportRenderer {

    /** Answer tables longer than this are cut in the text report; JSON, SARIF and HTML carry every row. */
    static final int MAX_ANSWER_ROWS = 30;

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String GREEN = "\u001b[32m";
    private static final String MAGENTA = "\u001b[35m";
    private static final String CYAN = "\u001b[36m";

    private final boolean colour;

    public TableRenderer(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void render(ScanReport report, Writer out) throws IOException {
        Snapshot snapshot = report.snapshot();
        StringBuilder text = new StringBuilder();
        text.append(paint(BOLD, "Palisade " + Palisade.version() + " posture report")).append('\n');
        text.append("Sources:    ").append(String.join(", ", snapshot.info().sources())).append('\n');
        text.append("Inventory:  ").append(snapshot.objects().size()).append(" objects, ")
                .append(snapshot.workloads().size()).append(" workloads, ")
                .append(snapshot.namespaces().size()).append(" namespaces (read ")
                .append(snapshot.info().loadedAt()).append(")\n");
        problems(report.problems(), text);
        for (Answer answer : report.answers()) {
            answer(answer, text);
        }
        for (Section section : report.sections()) {
            text.append('\n').append(paint(BOLD, section.title())).append('\n');
            text.append("    ").append(section.summary()).append('\n');
            if (!section.table().isEmpty()) {
                table(section.table(), text);
            }
        }
        findings(report, text);
        out.write(text.toString());
    }

    private void problems(List<InputProblem> problems, StringBuilder text) {
        if (problems.isEmpty()) {
            return;
        }
        text.append('\n').append(paint(BOLD, "Input problems (" + problems.size() + ")")).append('\n');
        for (InputProblem problem : problems) {
            String level = problem.level() == InputProblem.Level.ERROR ? paint(RED, "error") : paint(YELLOW, "warning");
            text.append("  ").append(level).append(": ").append(problem.location()).append(": ")
                    .append(problem.message()).append('\n');
        }
    }

    private void answer(Answer answer, StringBuilder text) {
        text.append('\n').append(paint(BOLD, String.format("%2d. %s", answer.number(), answer.question())))
                .append("  ").append(status(answer.status())).append('\n');
        text.append("    ").append(answer.summary()).append('\n');
        Table table = answer.table();
        if (!table.isEmpty()) {
            table(table, text);
        }
        if (!answer.needs().isEmpty()) {
            text.append("    ").append(paint(DIM, "Needs: " + answer.needs())).append('\n');
        }
    }

    private String status(Answer.Status status) {
        return switch (status) {
            case ANSWERED -> paint(GREEN, "[answered]");
            case PARTIAL -> paint(YELLOW, "[partial]");
            case NEEDS_DATA -> paint(DIM, "[needs data]");
        };
    }

    private void table(Table table, StringBuilder text) {
        List<List<String>> rows = table.rows();
        List<List<String>> shown = rows.subList(0, Math.min(rows.size(), MAX_ANSWER_ROWS));
        int[] widths = new int[table.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = table.columns().get(i).length();
            for (List<String> row : shown) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        text.append("    ").append(paint(BOLD, line(table.columns().stream()
                .map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList(), widths))).append('\n');
        for (List<String> row : shown) {
            text.append("    ").append(line(row, widths)).append('\n');
        }
        if (rows.size() > shown.size()) {
            text.append("    ").append(paint(DIM, "... " + (rows.size() - shown.size())
                    + " more rows (-o json or -o html show all)")).append('\n');
        }
    }

    /** Plain aligned columns, no colour: for the query commands' tables. */
    static void table(List<String> header, List<List<String>> rows, java.io.Writer out) throws java.io.IOException {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.write(line(header, widths) + "\n");
        for (List<String> row : rows) {
            out.write(line(row, widths) + "\n");
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }

    private void findings(ScanReport report, StringBuilder text) {
        List<Finding> findings = report.findings().stream().filter(Finding::active).toList();
        List<Finding> exempted = report.findings().stream().filter(Finding::exempted).toList();
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        findings.forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        String breakdown = counts.isEmpty() ? "none" : counts.entrySet().stream()
                .sorted(Map.Entry.<Severity, Long>comparingByKey().reversed())
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        text.append('\n').append(paint(BOLD, "Findings (" + findings.size() + "): " + breakdown)).append(" from ")
                .append(report.policiesEvaluated()).append(" policies\n");
        findings.forEach(finding -> finding(finding, text));
        if (!exempted.isEmpty()) {
            text.append('\n').append(paint(BOLD, "Exempted findings (" + exempted.size() + ")")).append('\n');
            exempted.forEach(finding -> {
                finding(finding, text);
                text.append("            ").append(paint(DIM, "exempted: " + finding.exemption())).append('\n');
            });
        }
    }

    private void finding(Finding finding, StringBuilder text) {
        text.append("  ").append(severity(finding.severity())).append("  ").append(finding.policy())
                .append("  ").append(finding.resource()).append(paint(DIM, "  " + finding.location()))
                .append('\n');
        text.append("            ").append(finding.message()).append('\n');
    }

    private String severity(Severity severity) {
        String label = String.format("%-8s", severity.name());
        return switch (severity) {
            case CRITICAL -> paint(MAGENTA, label);
            case HIGH -> paint(RED, label);
            case MEDIUM -> paint(YELLOW, label);
            case LOW -> paint(CYAN, label);
        };
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
