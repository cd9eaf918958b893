package dev.palisade.cli;

import dev.palisade.report.TableOrJson;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code -o table|json} and {@code --output-file}; shared by the query commands (netpol, risk). */
final class TableOrJsonOptions {

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path file;

    /** Whether JSON was asked for; fails on an unknown format, before the command does any work. */
    boolean json() {
        return TableOrJson.json(format);
    }

    void write(CommandSpec spec, Output.Render render) throws IOException {
        Output.write(file, spec.commandLine().getOut(), render);
    }
}
