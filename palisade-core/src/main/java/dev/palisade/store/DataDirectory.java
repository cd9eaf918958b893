package dev.palisade.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Palisade keeps downloaded data: {@code --data-dir} when given, else {@code $PALISADE_HOME}, else
 * {@code ~/.palisade}. The vulnerability database lives under {@code db/}.
 */
public record DataDirectory(Path root) {

    public static final String ENVIRONMENT_VARIABLE = "PALISADE_HOME";

    /** Resolves the data directory from the option (may be null), the environment and the user's home. */
    public static DataDirectory resolve(Path option, Map<String, String> environment) {
        if (option != null) {
            return new DataDirectory(option.toAbsolutePath());
        }
        String home = environment.get(ENVIRONMENT_VARIABLE);
        if (home != null && !home.isBlank()) {
            return new DataDirectory(Path.of(home).toAbsolutePath());
        }
        return new DataDirectory(Path.of(System.getProperty("user.home"), ".palisade"));
    }

    /** The vulnerability database directory. */
    public Path db() {
        return root.resolve("db");
    }
}
