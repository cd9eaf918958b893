package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.policy.Policy;
import dev.palisade.policy.PolicyPack;
import dev.palisade.report.CheckFormat;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.source.InventoryLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade check}: the CI gate. Fails when an ENFORCE policy has an active finding. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate the BUILD and DEPLOY policies on manifests (or any source) and fail on"
                + " violations of ENFORCE policies, as a CI gate.",
                "Exit 0: no blocking finding; 1: blocking findings; 2: usage or input error (with --strict)."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json, sarif, junit or csv.")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the result to FILE instead of stdout.")
    Path outputFile;

    @Option(names = "--strict", description = "Exit 2 when any input or policy could not be read.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CheckFormat checkFormat = CheckFormat.parse(format);
        ScanConfig scanConfig = config.scanConfig(true);
        Snapshot snapshot = new InventoryLoader().load(source.request());
        ScanReport report = Scanner.scan(snapshot, scanConfig);
        List<String> policies = PolicyPack.load(scanConfig.policies()).enabled().stream().map(Policy::id).toList();
        Output.write(outputFile, spec.commandLine().getOut(), writer -> checkFormat.render(report, policies, writer));
        var err = spec.commandLine().getErr();
        if (checkFormat != CheckFormat.TABLE || outputFile != null) {
            report.problems().forEach(problem -> err.println("palisade: " + problem));
        }
        if (strict && report.hasInputErrors()) {
            err.println("palisade: input errors and --strict: exit 2");
            return PalisadeCommand.EXIT_USAGE;
        }
        return report.enforced().isEmpty() ? PalisadeCommand.EXIT_OK : PalisadeCommand.EXIT_FINDINGS;
    }
}
