package dev.palisade.cli;

import static dev.palisade.cli.PalisadeCommandTest.fixture;
import static dev.palisade.cli.PalisadeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON written to --output-file is complete: renderers add their final newline after the document. */
class JsonOutputFileTest {

    private static final String SHOP = fixture("netpol/shop.yaml");

    @TempDir
    Path dir;

    @Test
    void netpolMapWritesJsonToAFile() throws IOException {
        Path file = dir.resolve("map.json");

        assertThat(run("netpol", "map", SHOP, "-o", "json", "--output-file", file.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).startsWith("[").endsWith("]\n");
    }

    @Test
    void pssWritesJsonToAFile() throws IOException {
        Path file = dir.resolve("pss.json");

        assertThat(run("pss", SHOP, "-o", "json", "--output-file", file.toString()).err()).doesNotContain("Stream closed");
        assertThat(Files.readString(file)).startsWith("{").endsWith("}\n");
    }
}
