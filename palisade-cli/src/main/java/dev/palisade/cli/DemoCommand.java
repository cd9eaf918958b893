package dev.palisade.cli;

import dev.palisade.scan.ScanConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code palisade demo}: {@code palisade scan} of the online-shop cluster bundled in the jar, with the shop's
 * own trust configuration and its runtime observations (processes, Falco alerts, network flows) and image scans so that every answer is complete.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scan the bundled demo cluster (an online shop with realistic mistakes).",
                "Unless --trusted-registry is given, the shop trusts: registry.shop.internal:5000, docker.io/library, quay.io, registry.k8s.io, cr.fluentbit.io, ghcr.io.",
                "Unless --node-facts is given, the facts of its two nodes (cp-1, worker-1) come with it."})
final class DemoCommand implements Callable<Integer> {

    /** The registries the demo shop trusts: its own, and the upstream projects it runs. */
    static final java.util.List<String> DEMO_TRUSTED_REGISTRIES = java.util.List.of("registry.shop.internal:5000",
            "docker.io/library", "quay.io", "registry.k8s.io", "cr.fluentbit.io", "ghcr.io");

    @Mixin
    ReportOptions report;

    @Mixin
    ConfigOptions config;

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (config.trustedRegistries.isEmpty() && config.config == null) {
            config.trustedRegistries.addAll(DEMO_TRUSTED_REGISTRIES);
        }
        var snapshot = DemoCluster.load();
        ScanConfig base = config.scanConfig(false);
        if (config.nodeFacts == null) {
            base = base.withNodeFacts(DemoCluster.nodeFacts());
        }
        var scanConfig = runtime.given() ? runtime.apply(snapshot, base, spec.commandLine().getErr())
                : DemoCluster.runtime(snapshot, base, spec.commandLine().getErr());
        scanConfig = DemoCluster.imageScans(snapshot, scanConfig, spec.commandLine().getErr());
        return report.scanAndReport(snapshot, scanConfig, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
