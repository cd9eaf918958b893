package dev.palisade.cli;

import dev.palisade.compliance.Catalogue;
import dev.palisade.compliance.ComplianceEngine;
import dev.palisade.compliance.ComplianceReport;
import dev.palisade.compliance.Standard;
import dev.palisade.report.ComplianceFormat;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.source.InventoryLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade compliance}: one standard's controls, each PASS, FAIL, MANUAL or NOT_APPLICABLE with evidence. */
@Command(name = "compliance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a standard's controls on an inventory and its node facts: the CIS Kubernetes"
                + " Benchmark, the NSA/CISA hardening guidance, the Pod Security Standards, and PCI DSS, NIST and"
                + " HIPAA through their mappings. Each control is PASS, FAIL, MANUAL or NOT_APPLICABLE, with the"
                + " evidence (resource, flag or file and its value); adherence is given per cluster, namespace and"
                + " node (docs/compliance.md).",
                "Exit 0: no control fails; 1: some control fails; 2: usage or input error."})
final class ComplianceCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--standard", paramLabel = "ID", defaultValue = "cis-1.12",
            description = "cis-1.12 (default), nsa, pss-baseline, pss-restricted, pci-4.0, nist-800-53, nist-800-190"
                    + " or hipaa.")
    String standard;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json, csv or html.")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the result to FILE instead of stdout.")
    Path outputFile;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ComplianceFormat complianceFormat = ComplianceFormat.parse(format);
        Standard chosen = Catalogue.bundled().require(standard);
        ScanConfig scanConfig = config.scanConfig(true);
        var snapshot = new InventoryLoader().load(source.request());
        ScanReport scan = Scanner.scan(snapshot, scanConfig);
        ComplianceReport report = ComplianceEngine.of(snapshot, scanConfig, scan.findings()).evaluate(chosen);
        Output.write(outputFile, spec.commandLine().getOut(), writer -> complianceFormat.write(report, writer));
        scan.problems().forEach(problem -> spec.commandLine().getErr().println("palisade: " + problem));
        return report.summary().fail() == 0 ? PalisadeCommand.EXIT_OK : PalisadeCommand.EXIT_FINDINGS;
    }
}
