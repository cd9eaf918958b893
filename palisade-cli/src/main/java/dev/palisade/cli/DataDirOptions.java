package dev.palisade.cli;

import dev.palisade.store.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where downloaded data lives: --data-dir, else $PALISADE_HOME, else ~/.palisade. */
final class DataDirOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $PALISADE_HOME, else ~/.palisade); the database is in DIR/db.")
    Path dataDir;

    DataDirectory dataDirectory() {
        return DataDirectory.resolve(dataDir, System.getenv());
    }
}
