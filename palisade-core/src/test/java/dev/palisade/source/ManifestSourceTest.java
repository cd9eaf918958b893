package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.RawDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input at the file level: each case names the file, and the good files beside it are still read. */
class ManifestSourceTest {

    private static final String GOOD = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good, namespace: shop}\n";

    @TempDir
    Path dir;

    private Path good() throws IOException {
        return Files.writeString(dir.resolve("good.yaml"), GOOD);
    }

    private Loaded load(Path... paths) {
        return new ManifestSource().load(List.of(paths).stream().map(Path::toString).toList(),
                InputStream.nullInputStream());
    }

    private static List<String> names(Loaded loaded) {
        return loaded.documents().stream().map(d -> d.body().path("metadata").path("name").asString()).toList();
    }

    @Test
    void directoriesAreReadRecursivelyByExtensionSkippingHiddenOnes() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("a/one.yaml"), GOOD.replace("good", "one"));
        Files.writeString(dir.resolve("a/b/two.YML"), GOOD.replace("good", "two"));
        Files.writeString(dir.resolve("a/three.json"),
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"three\"}}");
        Files.writeString(dir.resolve("a/notes.txt"), "not a manifest");
        Files.writeString(dir.resolve(".git/config.yaml"), GOOD.replace("good", "hidden"));

        Loaded loaded = load(dir);

        assertThat(loaded.problems()).isEmpty();
        assertThat(names(loaded)).containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void aMissingPathIsAnErrorAndTheRestIsRead() throws IOException {
        Loaded loaded = load(dir.resolve("nope.yaml"), good());

        assertThat(names(loaded)).containsExactly("good");
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(InputProblem.Level.ERROR);
            assertThat(p.toString()).isEqualTo("error: " + dir.resolve("nope.yaml") + ": no such file or directory");
        });
    }

    @Test
    void aFiftyMegabyteFileIsRefusedWithItsSize() throws IOException {
        Path big = dir.resolve("big.yaml");
        byte[] line = "# padding padding padding padding padding padding padding padding padding\n"
                .getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(big)) {
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }

        Loaded loaded = load(big, good());

        assertThat(names(loaded)).containsExactly("good");
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().origin()).isEqualTo(big.toString());
            assertThat(p.message()).isEqualTo("file is 50.0 MB, larger than the limit of 32.0 MB (raise it with"
                    + " --max-file-size)");
        });
    }

    @Test
    void binaryGarbageIsNotAManifest() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Path binary = Files.write(dir.resolve("garbage.yaml"), garbage);
        Path withNul = Files.write(dir.resolve("nul.yaml"), "apiVersion: v1\n\0\0\0".getBytes(StandardCharsets.UTF_8));

        Loaded loaded = load(binary, withNul, good());

        assertThat(names(loaded)).containsExactly("good");
        assertThat(loaded.problems()).extracting(InputProblem::toString).containsExactly(
                "error: " + binary + ": not a text file: the content is not UTF-8 (binary data?)",
                "error: " + withNul + ": not a text file: it contains a NUL byte at offset 15 (binary data?)");
    }

    @Test
    void anUnreadableFileIsNamed() throws IOException {
        Path loop = dir.resolve("loop.yaml");
        Files.createSymbolicLink(loop, loop.getFileName());

        Loaded loaded = load(loop, good());

        assertThat(names(loaded)).containsExactly("good");
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().origin()).isEqualTo(loop.toString());
            assertThat(p.message()).startsWith("cannot read: ");
        });
    }

    @Test
    void aFileWithoutReadPermissionIsNamed() throws IOException {
        Path locked = Files.writeString(dir.resolve("locked.yaml"), GOOD.replace("good", "locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "permissions do not bind this user (root)");

        Loaded loaded = load(locked, good());

        assertThat(names(loaded)).containsExactly("good");
        assertThat(loaded.problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).isEqualTo("error: " + locked + ": permission denied"));
    }

    @Test
    void stdinIsReadAsYamlOrJson() {
        Loaded yaml = new ManifestSource().load(List.of("-"), new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)));
        assertThat(yaml.documents()).extracting(RawDocument::source).extracting(s -> s.origin() + ":" + s.line())
                .containsExactly("<stdin>:1");

        String json = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"from-json\"}}]}";
        Loaded fromJson = new ManifestSource().load(List.of("-"), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(names(fromJson)).containsExactly("from-json");
    }

    @Test
    void aSmallerLimitAppliesToStdinToo() {
        Loaded loaded = new ManifestSource(10).load(List.of("-"),
                new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)));

        assertThat(loaded.documents()).isEmpty();
        assertThat(loaded.problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("error: <stdin>: stdin is larger than the limit"));
    }
}
