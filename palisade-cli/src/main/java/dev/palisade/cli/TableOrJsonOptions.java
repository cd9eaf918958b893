package dev.palisade.cli;

import dev.palisade.report.NetpolRenderer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code -o table|json} and {@code --output-file}; shared by netpol diff and simulate. */
final class TableOrJsonOptions {

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path file;

    /** Fails on an unknown format before the command does any work. */
    void check() {
        NetpolRenderer.json(format);
    }

    void write(CommandSpec spec, Output.Render render) throws IOException {
        Output.write(file, spec.commandLine().getOut(), render);
    }
}
