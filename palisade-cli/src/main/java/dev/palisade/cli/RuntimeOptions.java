package dev.palisade.cli;

import dev.palisade.runtime.RuntimeData;
import dev.palisade.runtime.RuntimeFiles;
import dev.palisade.scan.ScanConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Runtime observations a scan weighs: process lists (question 8) and runtime alerts (question 10). */
final class RuntimeOptions {

    @Option(names = "--processes", paramLabel = "FILE",
            description = "Processes seen per container: JSON lines or array of {namespace, pod, container, executable,"
                    + " user, lastSeen}, or CSV with that header (question 8).")
    Path processes;

    @Option(names = "--runtime-alerts", paramLabel = "FILE",
            description = "Runtime alerts: Falco's JSON output, one alert per line (question 10, and the risk score).")
    Path alerts;

    boolean given() {
        return processes != null || alerts != null;
    }

    /** The configuration with the files' data; problems with single lines go to standard error. */
    ScanConfig apply(ScanConfig config, PrintWriter err) {
        if (!given()) {
            return config;
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
