package dev.palisade.runtime;

import java.util.List;

/**
 * Runtime observations given to a scan as files: processes per container (question 8) and runtime alerts
 * (question 10). Either list may be absent: {@code null} means not given, empty means given and empty.
 */
public record RuntimeData(List<ProcessObservation> processes, List<RuntimeAlert> alerts) {

    public RuntimeData {
        processes = processes == null ? null : List.copyOf(processes);
        alerts = alerts == null ? null : List.copyOf(alerts);
    }
}
