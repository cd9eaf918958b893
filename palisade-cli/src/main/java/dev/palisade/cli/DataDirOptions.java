package dev.palisade.cli;

import dev.palisade.store.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Palisade keeps data: --data-dir, else $PALISADE_HOME, else ~/.palisade; shared by image and db. */
final class DataDirOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $PALISADE_HOME, else ~/.palisade): the vulnerability database in"
                    + " DIR/db, the image cache in DIR/images.")
    Path dataDir;

    DataDirectory dataDirectory() {
        return DataDirectory.resolve(dataDir);
    }
}
