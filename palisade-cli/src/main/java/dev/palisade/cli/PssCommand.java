package dev.palisade.cli;

import dev.palisade.pss.PssLevel;
import dev.palisade.pss.PssReport;
import dev.palisade.pss.PssVersion;
import dev.palisade.report.PssRenderer;
import dev.palisade.source.InventoryLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade pss}: the Pod Security Standards, judged as the admission plugin judges, and namespace readiness. */
@Command(name = "pss", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate every workload's pod template against a Pod Security Standards level and version,"
                + " exactly as the PodSecurity admission plugin does, and show for every namespace what it declares,"
                + " which workloads its enforce level rejects, and the strictest level it could enforce today.",
                "Exit 0: every workload allowed; 1: some workload denied; 2: usage or input error."})
final class PssCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--level", defaultValue = "restricted", description = "privileged, baseline or restricted"
            + " (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--version", defaultValue = "latest", description = "latest or v1.N, e.g. v1.33 (default:"
            + " ${DEFAULT-VALUE}).")
    String version;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table (default) or json.")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the result to FILE instead of stdout.")
    Path outputFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PssLevel pssLevel = PssLevel.parse(level);
        PssVersion pssVersion = PssVersion.parse(version);
        var snapshot = new InventoryLoader().load(source.request());
        PssReport report = PssReport.of(snapshot, pssLevel, pssVersion);
        Output.write(outputFile, spec.commandLine().getOut(), writer -> PssRenderer.render(report, format, writer));
        snapshot.problems().forEach(problem -> spec.commandLine().getErr().println("palisade: " + problem));
        return report.denied() == 0 ? PalisadeCommand.EXIT_OK : PalisadeCommand.EXIT_FINDINGS;
    }
}
