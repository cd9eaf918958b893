package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.report.OutputFormat;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.scan.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a scan is configured, rendered and turned into an exit code; shared by scan and demo. */
final class ReportOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json, sarif or html.")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path outputFile;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at or above SEVERITY (low, medium, high, critical).")
    String failOn;

    @Option(names = "--strict", description = "Exit 2 when any input could not be read (after printing the report).")
    boolean strict;

    @Option(names = "--by", paramLabel = "team",
            description = "team: one report per owning team (table or json); cluster-scoped findings are in no team's.")
    String by;

    /** Scans, writes the report, and returns the exit code. */
    int scanAndReport(Snapshot snapshot, ScanConfig config, PrintWriter out, PrintWriter err) throws IOException {
        OutputFormat outputFormat = OutputFormat.parse(format);
        Severity threshold = failOn == null ? null : Severity.parse(failOn);
        if (by != null && !by.equalsIgnoreCase("team")) {
            throw new IllegalArgumentException("--by '" + by + "': only 'team' is supported");
        }
        boolean byTeam = by != null;
        if (byTeam && outputFormat != OutputFormat.TABLE && outputFormat != OutputFormat.JSON) {
            throw new IllegalArgumentException("--by team writes table or json, not " + format);
        }
        ScanReport report = Scanner.scan(snapshot, config);
        boolean colour = outputFile == null && useColour();
        if (byTeam) {
            var teams = dev.palisade.ownership.TeamReports.split(snapshot, config);
            Output.write(outputFile, out, writer -> {
                if (outputFormat == OutputFormat.JSON) {
                    dev.palisade.report.JsonRenderer.renderTeams(teams, writer);
                    return;
                }
                for (var team : teams) {
                    writer.write("════ Team " + team.team() + " (" + team.report().snapshot().workloads().size()
                            + " workloads) ════\n");
                    outputFormat.renderer(colour).render(team.report(), writer);
                    writer.write("\n");
                }
            });
        } else {
            Output.write(outputFile, out, writer -> outputFormat.renderer(colour).render(report, writer));
        }
        if (outputFile != null) {
            err.println("palisade: report written to " + outputFile);
        }
        if (outputFormat != OutputFormat.TABLE || outputFile != null) {
            // The table shows input problems itself; other formats carry them in the file, so say so here too.
            report.problems().forEach(problem -> err.println("palisade: " + problem));
        }
        if (strict && report.hasInputErrors()) {
            err.println("palisade: input errors and --strict: exit 2");
            return PalisadeCommand.EXIT_USAGE;
        }
        if (threshold != null && report.countAtLeast(threshold) > 0) {
            return PalisadeCommand.EXIT_FINDINGS;
        }
        return PalisadeCommand.EXIT_OK;
    }

    /** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
    private static boolean useColour() {
        String noColor = System.getenv("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty());
    }
}
