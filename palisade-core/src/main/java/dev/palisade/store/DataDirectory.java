package dev.palisade.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Palisade keeps what it downloads and computes: {@code --data-dir} when given, else {@code PALISADE_HOME},
 * else {@code ~/.palisade}. Image analyses are cached under {@code images/}, the vulnerability database lives under
 * {@code db/}.
 *
 * @param root the data directory (it need not exist yet)
 */
public record DataDirectory(Path root) {

    public static final String ENV = "PALISADE_HOME";

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves the directory from an explicit choice (may be null), the environment and the user's home. */
    public static DataDirectory resolve(Path explicit, Map<String, String> env, Path userHome) {
        if (explicit != null) {
            return new DataDirectory(explicit);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDirectory(Path.of(fromEnv));
        }
        return new DataDirectory(userHome.resolve(".palisade"));
    }

    /** {@link #resolve(Path, Map, Path)} with this process's environment and {@code user.home}. */
    public static DataDirectory resolve(Path explicit) {
        return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Cached image analyses, one file per manifest digest. */
    public Path images() {
        return root.resolve("images");
    }

    /** The vulnerability database. */
    public Path db() {
        return root.resolve("db");
    }

    /** Scratch files that must exist on disk for a moment (an rpmdb.sqlite for the JDBC driver); emptied after use. */
    public Path scratch() {
        return root.resolve("tmp");
    }
}
