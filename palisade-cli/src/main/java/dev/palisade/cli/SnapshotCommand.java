package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.source.InventoryLoader;
import dev.palisade.source.SnapshotFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code palisade snapshot save}: keep an inventory in a file to scan it later, offline. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Save an inventory to a file for offline scans.",
        subcommands = SnapshotCommand.Save.class)
final class SnapshotCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "save", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Read manifests or a live cluster and write the inventory (Secret values dropped) to FILE;"
                    + " gzip-compressed when FILE ends in .gz. Scan it with 'palisade scan --snapshot FILE'.")
    static final class Save implements Callable<Integer> {

        @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", required = true, description = "The snapshot file.")
        Path output;

        @Mixin
        SourceOptions source;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Snapshot snapshot = new InventoryLoader().load(source.request());
            SnapshotFile.save(snapshot, output);
            var err = spec.commandLine().getErr();
            snapshot.problems().forEach(problem -> err.println("palisade: " + problem));
            err.println("palisade: saved " + snapshot.objects().size() + " objects (" + snapshot.workloads().size()
                    + " workloads) to " + output);
            return PalisadeCommand.EXIT_OK;
        }
    }
}
