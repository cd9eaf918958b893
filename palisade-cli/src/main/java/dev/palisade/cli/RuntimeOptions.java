package dev.palisade.cli;

import dev.palisade.runtime.RuntimeData;
import dev.palisade.runtime.RuntimeFiles;
import dev.palisade.scan.ScanConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Runtime observations a scan weighs: process lists (8), observed flows (9) and runtime alerts (10). */
final class RuntimeOptions {

    /** Flow exports are larger than manifests; beyond this a file is refused rather than read into memory. */
    private static final long MAX_FLOWS_FILE = 512L * 1024 * 1024;

    @Option(names = "--processes", paramLabel = "FILE",
            description = "Processes seen per container: JSON lines or array of {namespace, pod, container, executable,"
                    + " user, lastSeen}, or CSV with that header (question 8).")
    Path processes;

    @Option(names = "--runtime-alerts", paramLabel = "FILE",
            description = "Runtime alerts: Falco's JSON output, one alert per line (question 10, and the risk score).")
    Path alerts;

    @Option(names = "--flows", paramLabel = "FILE",
            description = "Observed network flows, JSON or CSV (question 9: allowed paths never used; docs/network.md).")
    Path flows;

    boolean given() {
        return processes != null || alerts != null || flows != null;
    }

    /** The configuration with the files' data; problems with single lines go to standard error. */
    ScanConfig apply(dev.palisade.inventory.Snapshot snapshot, ScanConfig config, PrintWriter err) {
        if (!given()) {
            return config;
        }
        if (flows != null) {
            var observed = dev.palisade.source.ObservedFlowsFile.read(flows, snapshot, MAX_FLOWS_FILE);
            observed.problems().forEach(p -> err.println("palisade: " + p));
            config = config.with(dev.palisade.network.ObservedFlows.class, observed);
            if (processes == null && alerts == null) {
                return config;
            }
        }
        RuntimeFiles.Read<dev.palisade.runtime.ProcessObservation> processList = processes == null ? null
                : RuntimeFiles.processes(processes);
        RuntimeFiles.Read<dev.palisade.runtime.RuntimeAlert> alertList = alerts == null ? null : RuntimeFiles.alerts(alerts);
        return with(config, processList, alertList, err);
    }

    static ScanConfig with(ScanConfig config, RuntimeFiles.Read<dev.palisade.runtime.ProcessObservation> processList,
                           RuntimeFiles.Read<dev.palisade.runtime.RuntimeAlert> alertList, PrintWriter err) {
        if (processList != null) {
            processList.problems().forEach(p -> err.println("palisade: " + p));
        }
        if (alertList != null) {
            alertList.problems().forEach(p -> err.println("palisade: " + p));
        }
        return config.with(RuntimeData.class, new RuntimeData(processList == null ? null : processList.items(),
                alertList == null ? null : alertList.items()));
    }
}
