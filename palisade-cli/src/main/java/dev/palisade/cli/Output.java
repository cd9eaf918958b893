package dev.palisade.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's result to --output-file when given, else to the command's standard output. */
final class Output {

    /** Renders into a writer. */
    interface Render {
        void to(Writer writer) throws IOException;
    }

    private Output() {
    }

    static void write(Path file, PrintWriter out, Render render) throws IOException {
        if (file != null) {
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                render.to(writer);
            }
        } else {
            StringWriter text = new StringWriter();
            render.to(text);
            out.print(text);
            out.flush();
        }
    }
}
