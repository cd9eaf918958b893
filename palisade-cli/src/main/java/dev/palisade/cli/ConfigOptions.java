package dev.palisade.cli;

import dev.palisade.scan.ScanConfig;
import dev.palisade.source.ConfigFile;
import dev.palisade.source.NodeFactsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The scan configuration: palisade.yaml (or --config) plus command-line additions. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./palisade.yaml when it exists); see docs/configuration.md.")
    Path config;

    @Option(names = "--trusted-registry", paramLabel = "REGISTRY",
            description = "A trusted registry host, host/path prefix or *.domain; repeatable; adds to the configuration.")
    List<String> trustedRegistries = new ArrayList<>();

    @Option(names = "--owner-key", paramLabel = "KEY",
            description = "Label or annotation key naming a workload's team, in order; repeatable; replaces the"
                    + " configured keys (default: palisade.dev/owner, owner, team, app.kubernetes.io/owner,"
                    + " app.kubernetes.io/team).")
    List<String> ownerKeys = new ArrayList<>();

    @Option(names = "--node-facts", paramLabel = "DIR",
            description = "Node facts collected by 'palisade node-facts' (a directory of *.json files, one per node,"
                    + " or one file), for the compliance controls judged on nodes.")
    Path nodeFacts;

    /** The configuration file's settings (or the defaults) with the command line's on top. */
    ScanConfig scanConfig(boolean readWorkingDirectory) {
        ScanConfig base = ScanConfig.defaults();
        if (config != null) {
            base = ConfigFile.load(config);
        } else if (readWorkingDirectory && Files.isRegularFile(Path.of(ConfigFile.DEFAULT_NAME))) {
            base = ConfigFile.load(Path.of(ConfigFile.DEFAULT_NAME));
        }
        List<String> trusted = new ArrayList<>(base.trustedRegistries());
        trusted.addAll(trustedRegistries);
        return new ScanConfig(trusted, ownerKeys.isEmpty() ? base.ownerKeys() : ownerKeys, base.systemNamespaces(),
                base.policies(), base.teams(), nodeFacts == null ? base.nodeFacts() : NodeFactsFile.readAll(nodeFacts),
                base.evidence());
    }
}
