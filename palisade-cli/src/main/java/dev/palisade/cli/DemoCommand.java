package dev.palisade.cli;

import dev.palisade.scan.ScanConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code palisade demo}: {@code palisade scan} of the online-shop cluster bundled in the jar, with the shop's
 * own trust configuration so that every answer the inventory supports is complete.
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (config.trustedRegistries.isEmpty() && config.config == null) {
            config.trustedRegistries.addAll(DEMO_TRUSTED_REGISTRIES);
        }
        ScanConfig scanConfig = config.scanConfig(false);
        if (config.nodeFacts == null) {
            scanConfig = scanConfig.withNodeFacts(DemoCluster.nodeFacts());
        }
        return report.scanAndReport(DemoCluster.load(), scanConfig, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
