package dev.palisade.cli;

import dev.palisade.source.InventoryLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade scan}: load an inventory and report on the twelve questions. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scan manifests, a live cluster or a snapshot and print a posture report"
                + " organised by the twelve questions.")
final class ScanCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    ReportOptions report;

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ImageScanOptions imageScans;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var snapshot = new InventoryLoader().load(source.request());
        var scanConfig = imageScans.apply(snapshot,
                runtime.apply(snapshot, config.scanConfig(true), spec.commandLine().getErr()), spec.commandLine().getErr());
        return report.scanAndReport(snapshot, scanConfig, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
