package dev.palisade.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One runtime alert, as Falco's JSON output gives it. Only what attribution and reporting need is kept: the
 * rendered output and command lines are not, as they can carry secrets typed on a command line.
 *
 * @param process the process name ({@code proc.name}), or empty
 */
public record RuntimeAlert(Instant time, String rule, String priority, String namespace, String pod,
                           String container, String process, List<String> tags) {

    public RuntimeAlert {
        tags = List.copyOf(tags);
    }
}
