package dev.palisade.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade demo}: {@code palisade scan} of the online-shop cluster bundled in the jar. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scan the bundled demo cluster (an online shop with realistic mistakes).")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ReportOptions report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return report.scanAndReport(DemoCluster.load(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
