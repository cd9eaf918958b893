package dev.palisade.cli;

import dev.palisade.source.InventoryLoader;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Where the inventory comes from: manifest paths, a live cluster or a snapshot; shared by the commands that scan. */
final class SourceOptions {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Manifest files or directories (recursive: .yaml, .yml, .json); - reads stdin.")
    List<String> paths = new ArrayList<>();

    @Mixin
    InputOptions input;

    InventoryLoader.Request request() {
        return input.request(paths);
    }
}
