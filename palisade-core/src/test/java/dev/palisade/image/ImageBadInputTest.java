package dev.palisade.image;

import static dev.palisade.image.TestImages.LAYER_GZIP;
import static dev.palisade.image.TestImages.LAYER_TAR;
import static dev.palisade.image.TestImages.LAYER_ZSTD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.source.Digests;
import dev.palisade.image.source.Platform;
import dev.palisade.image.source.RegistryClient;
import dev.palisade.image.source.RegistryCredentials;
import dev.palisade.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input: each case gives a clear message naming the blob or file, what else can be read still
 * is, and nothing is written outside the data directory.
 */
class ImageBadInputTest {

    @TempDir
    Path tmp;

    static final String GOOD_STATUS = TestImages.dpkg("survivor", "1.0", "amd64", null);

    ImageResult read(TestImages.Image image, Compression.Limits limits) throws IOException {
        TestImages.writeLayout(tmp.resolve("layout"), image);
        return read(limits);
    }

    ImageResult read(Compression.Limits limits) throws IOException {
        return new ImageCatalogues(new ImageCatalogues.Options(new DataDirectory(tmp.resolve("data")),
                RegistryClient.Options.defaults(RegistryCredentials.none()), limits, true, Clock.systemUTC()))
                .catalogue(new ImageSource.Layout(tmp.resolve("layout"), null), Platform.DEFAULT);
    }

    /** A second layer that is fine, so each test can check that the rest survives. */
    static byte[] goodLayer() {
        return new TestImages.Layer().file("var/lib/dpkg/status", GOOD_STATUS).tar();
    }

    @AfterEach
    void nothingOutsideTheDataDirectory() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).allMatch(n -> n.equals("layout")
                    || n.equals("data") || n.endsWith(".tar"));
        }
        Path scratch = tmp.resolve("data/tmp");
        if (Files.exists(scratch)) {
            try (Stream<Path> files = Files.list(scratch)) {
                assertThat(files.toList()).isEmpty();
            }
        }
    }

    @Test
    void dotDotAndAbsoluteEntriesAreRefusedAndTheRestIsRead() throws IOException {
        byte[] evil = new TestImages.Layer()
                .file("../../etc/cron.d/evil", "* * * * * root sh")
                .file("/etc/passwd", "root:x:0:0")
                .file("usr/lib/python3/site-packages/ok-1.0.dist-info/METADATA", "Name: ok\nVersion: 1.0\n")
                .tar();
        ImageResult result = read(TestImages.image(List.of(evil, goodLayer()), List.of(LAYER_TAR, LAYER_GZIP)),
                Compression.Limits.DEFAULT);
        assertThat(result.problems()).extracting(ImageProblem::toString).anySatisfy(p -> assertThat(p)
                .startsWith("layer 1 (sha256:").contains("path '../../etc/cron.d/evil' climbs out with '..'"));
        assertThat(result.problems()).extracting(ImageProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("absolute path '/etc/passwd' in a layer"));
        assertThat(result.catalogue().packages()).extracting(ImagePackage::name).containsExactly("survivor", "ok");
    }

    @Test
    void symlinkLoopAndLinkOutOfTheImageAreReported() throws IOException {
        byte[] loop = new TestImages.Layer()
                .symlink("etc/os-release", "../usr/lib/os-release")
                .symlink("usr/lib/os-release", "/etc/os-release")
                .tar();
        ImageResult looped = read(TestImages.image(List.of(loop, goodLayer()), List.of(LAYER_TAR, LAYER_TAR)),
                Compression.Limits.DEFAULT);
        assertThat(looped.problems()).extracting(ImageProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("/etc/os-release: symbolic link loop"));
        assertThat(looped.catalogue().os()).isNull();
        assertThat(looped.catalogue().packages()).extracting(ImagePackage::name).containsExactly("survivor");

        byte[] escape = new TestImages.Layer()
                .symlink("etc/os-release", "../../../../host/etc/os-release")
                .tar();
        ImageResult escaped = read(TestImages.image(List.of(escape, goodLayer()), List.of(LAYER_TAR, LAYER_TAR)),
                Compression.Limits.DEFAULT);
        assertThat(escaped.problems()).extracting(ImageProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("/etc/os-release: a symbolic link points outside the image"));
        assertThat(escaped.catalogue().packages()).extracting(ImagePackage::name).containsExactly("survivor");
    }

    @Test
    void hardLinkToAMissingTargetIsReportedAndAGoodOneSharesItsPackages() throws IOException {
        byte[] links = new TestImages.Layer()
                .hardlink("usr/bin/ghost", "usr/bin/nowhere")
                .file("usr/lib/python3/site-packages/real-2.0.dist-info/METADATA", "Name: real\nVersion: 2.0\n")
                .hardlink("usr/lib/python3/site-packages/copy-2.0.dist-info/METADATA",
                        "usr/lib/python3/site-packages/real-2.0.dist-info/METADATA")
                .tar();
        ImageResult result = read(TestImages.image(List.of(links), List.of(LAYER_ZSTD)), Compression.Limits.DEFAULT);
        assertThat(result.problems()).extracting(ImageProblem::toString).singleElement().satisfies(p -> assertThat(p)
                .contains("hard link /usr/bin/ghost points to /usr/bin/nowhere, which the image does not contain"));
        assertThat(result.catalogue().packages()).extracting(ImagePackage::location).containsExactly(
                "/usr/lib/python3/site-packages/copy-2.0.dist-info/METADATA",
                "/usr/lib/python3/site-packages/real-2.0.dist-info/METADATA");
    }

    @Test
    void decompressionBombIsStoppedAndOtherLayersSurvive() throws IOException {
        byte[] bomb = new TestImages.Layer().zeros("zeros.bin", 64L << 20).tar();
        Compression.Limits limits = new Compression.Limits(1L << 40, 100, 1 << 20);
        ImageResult result = read(TestImages.image(List.of(bomb, goodLayer()), List.of(LAYER_GZIP, LAYER_GZIP)),
                limits);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).startsWith("layer 1 (sha256:");
            assertThat(p.message()).contains("refusing it as a decompression bomb");
        });
        assertThat(result.catalogue().packages()).extracting(ImagePackage::name).containsExactly("survivor");
        // The absolute bound too: a plain layer larger than the limit.
        ImageResult large = read(TestImages.image(List.of(bomb, goodLayer()), List.of(LAYER_TAR, LAYER_TAR)),
                new Compression.Limits(8L << 20, 100, 1 << 20));
        assertThat(large.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("expands to more than 8388608 bytes"));
    }

    @Test
    void truncatedGzipAndZstdLayersAreReportedByBlob() throws IOException {
        for (String mediaType : List.of(LAYER_GZIP, LAYER_ZSTD)) {
            byte[] layer = new TestImages.Layer().file("var/lib/dpkg/status.d/lost", TestImages.dpkg("lost", "1.0", "amd64",
                    null)).file("noise.bin", noise(1 << 20), 0644).file("usr/lib/python3/late-1.0.dist-info/METADATA",
                    "Name: late\nVersion: 1.0\n").tar();
            TestImages.Image whole = TestImages.image(List.of(layer, goodLayer()), List.of(mediaType, LAYER_TAR));
            byte[] compressed = whole.layers().get(0).content();
            // A manifest for the truncated blob, so the digest matches and decompression meets the cut.
            TestImages.Blob cut = new TestImages.Blob(mediaType, Arrays.copyOf(compressed, compressed.length / 2));
            List<TestImages.Blob> layers = List.of(cut, whole.layers().get(1));
            TestImages.Image truncated = new TestImages.Image(whole.config(), layers, whole.tars(),
                    TestImages.manifest(whole.config(), layers), "linux/amd64");
            ImageResult result = read(truncated, Compression.Limits.DEFAULT);
            assertThat(result.problems()).as(mediaType).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo("layer 1 (" + Digests.shorten(cut.digest()) + ")");
                assertThat(p.message()).contains("truncated or corrupt compressed data");
            });
            // The status file came before the cut and was read; the file after it was not.
            assertThat(result.catalogue().packages()).extracting(ImagePackage::name).contains("survivor", "lost")
                    .doesNotContain("late");
            deleteLayout();
        }
    }

    @Test
    void manifestNamingAMissingBlobAndADigestMismatchNameTheBlob() throws IOException {
        TestImages.Image image = TestImages.image(List.of(new TestImages.Layer().file("a", "a").tar(), goodLayer()),
                List.of(LAYER_GZIP, LAYER_GZIP));
        TestImages.writeLayout(tmp.resolve("layout"), image);
        String missing = image.layers().get(0).digest();
        Files.delete(tmp.resolve("layout/blobs/sha256/" + Digests.hex(missing)));
        ImageResult result = read(Compression.Limits.DEFAULT);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("the manifest names blob " + missing + " but blobs/sha256/" + Digests.hex(missing)
                        + " is missing"));
        assertThat(result.catalogue().packages()).extracting(ImagePackage::name).containsExactly("survivor");

        byte[] tampered = TestImages.gzip(new TestImages.Layer().file("a", "b").tar());
        Files.write(tmp.resolve("layout/blobs/sha256/" + Digests.hex(missing)), tampered);
        ImageResult mismatch = read(Compression.Limits.DEFAULT);
        assertThat(mismatch.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("blob " + missing));
        assertThat(mismatch.catalogue().packages()).extracting(ImagePackage::name).containsExactly("survivor");

        Files.delete(tmp.resolve("layout/blobs/sha256/" + Digests.hex(image.config().digest())));
        assertThatThrownBy(() -> read(Compression.Limits.DEFAULT)).isInstanceOf(ImageException.class)
                .hasMessageContaining("blob " + image.config().digest());
    }

    @Test
    void hugeLayerIsStreamedInBoundedMemory() throws IOException {
        // 2.5 GB of file content: more than a Java array can hold, so reading it must stream.
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (var zstd = new org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream(compressed)) {
            new TestImages.Layer(zstd).zeros("var/cache/huge.bin", 2_500_000_000L)
                    .file("var/lib/dpkg/status", TestImages.dpkg("after-huge", "1.0", "amd64", null)).tar();
        }
        TestImages.Blob huge = new TestImages.Blob(LAYER_ZSTD, compressed.toByteArray());
        ImageResult result = read(TestImages.imageOfBlobs(List.of(huge)),
                new Compression.Limits(1L << 40, 1L << 40, 1L << 40));
        assertThat(result.problems()).isEmpty();
        assertThat(result.catalogue().packages()).extracting(ImagePackage::name).containsExactly("after-huge");
    }

    @Test
    void nonImageFilesAreRefusedWithTheirName() throws IOException {
        Path text = tmp.resolve("notes.tar");
        Files.writeString(text, "just some notes, not an image\n".repeat(40));
        ImageCatalogues catalogues = new ImageCatalogues(new ImageCatalogues.Options(
                new DataDirectory(tmp.resolve("data")), RegistryClient.Options.defaults(RegistryCredentials.none()),
                Compression.Limits.DEFAULT, true, Clock.systemUTC()));
        assertThatThrownBy(() -> catalogues.catalogue(new ImageSource.Archive(text, null), Platform.DEFAULT))
                .isInstanceOf(ImageException.class).hasMessageContaining(text + ": not an image archive");
        Files.createDirectories(tmp.resolve("layout"));
        assertThatThrownBy(() -> catalogues.catalogue(new ImageSource.Layout(tmp.resolve("layout"), null),
                Platform.DEFAULT)).hasMessageContaining("not an OCI image layout (no index.json)");
        // A layer that is not a tar at all.
        TestImages.Blob junk = new TestImages.Blob(LAYER_TAR, "this is not a tar archive, just text".repeat(20)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TestImages.Image good = TestImages.image(List.of(goodLayer()), List.of(LAYER_TAR));
        TestImages.Image bad = new TestImages.Image(good.config(), List.of(junk, good.layers().get(0)), good.tars(),
                TestImages.manifest(good.config(), List.of(junk, good.layers().get(0))), "linux/amd64");
        deleteLayout();
        ImageResult result = read(bad, Compression.Limits.DEFAULT);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("not a tar layer"));
        assertThat(result.catalogue().packages()).extracting(ImagePackage::name).containsExactly("survivor");
    }

    /** Incompressible bytes, so that half a compressed layer is half its content. */
    static byte[] noise(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(7).nextBytes(bytes);
        return bytes;
    }

    void deleteLayout() throws IOException {
        Path layout = tmp.resolve("layout");
        if (Files.exists(layout)) {
            try (Stream<Path> walk = Files.walk(layout)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
