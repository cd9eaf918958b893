package dev.palisade.cli;

import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ObservedFlows;
import dev.palisade.source.ObservedFlowsFile;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --flows FILE}: observed flows (docs/network.md, "Observed flows"); shared by netpol diff and generate. */
final class FlowsOptions {

    @Option(names = "--flows", required = true, paramLabel = "FILE",
            description = "Observed flows: JSON or CSV (source, destination, port, protocol, lastSeen).")
    Path file;

    /**
     * Reads the flows against the inventory, printing each bad flow to standard error; fails when no flow is usable
     * although some were given, as working from an empty set would call every path unused.
     */
    ObservedFlows load(Snapshot snapshot, SourceOptions source, CommandSpec spec) {
        ObservedFlows flows = ObservedFlowsFile.read(file, snapshot, InputOptions.parseSize(source.input.maxFileSize));
        flows.problems().forEach(problem -> spec.commandLine().getErr().println("palisade: " + problem));
        if (flows.flows().isEmpty() && !flows.problems().isEmpty()) {
            throw new IllegalArgumentException(file + ": no usable flow");
        }
        return flows;
    }
}
