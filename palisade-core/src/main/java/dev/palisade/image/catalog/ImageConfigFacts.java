package dev.palisade.image.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an image's configuration says about how it runs. Environment variable values are not kept, only
 * names: they often carry credentials.
 *
 * @param user         the configured user, empty when none (runs as root unless the pod says otherwise)
 * @param created      creation time, or null when the image does not state it
 * @param entrypoint   entrypoint
 * @param cmd          command
 * @param exposedPorts e.g. {@code 8080/tcp}
 * @param envNames     names of the configured environment variables
 * @param labels       image labels
 * @param history      the build steps, oldest first (Dockerfile lines as the builder recorded them)
 */
public record ImageConfigFacts(String user, Instant created, List<String> entrypoint, List<String> cmd,
                               List<String> exposedPorts, List<String> envNames, Map<String, String> labels,
                               List<String> history) {

    public ImageConfigFacts {
        user = user == null ? "" : user;
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        envNames = envNames == null ? List.of() : List.copyOf(envNames);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static ImageConfigFacts none() {
        return new ImageConfigFacts("", null, null, null, null, null, null, null);
    }
}
