package dev.palisade.runtime;

import java.time.Instant;

/**
 * A process seen running in a container.
 *
 * @param executable the executable path or process name (arguments are not kept: they can carry secrets)
 * @param user       the user name or uid it ran as, or empty
 * @param lastSeen   when it was last seen, or null
 */
public record ProcessObservation(String namespace, String pod, String container, String executable, String user,
                                 Instant lastSeen) {
}
