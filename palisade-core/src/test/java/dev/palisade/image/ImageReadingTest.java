package dev.palisade.image;

import static dev.palisade.image.TestImages.LAYER_GZIP;
import static dev.palisade.image.TestImages.LAYER_TAR;
import static dev.palisade.image.TestImages.LAYER_ZSTD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.SharedData;
import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.catalog.PackageType;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.sbom.CatalogueJson;
import dev.palisade.image.sbom.SbomFormat;
import dev.palisade.image.source.Platform;
import dev.palisade.image.source.RegistryClient;
import dev.palisade.image.source.RegistryCredentials;
import dev.palisade.store.DataDirectory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading images from layouts and archives: layers in order, whiteouts, cataloguing, config facts, the cache. */
class ImageReadingTest {

    @TempDir
    Path tmp;

    static final String STATUS = TestImages.dpkg("base-files", "12.4+deb12u5", "amd64", null)
            + TestImages.dpkg("libssl3", "3.0.11-1~deb12u2", "amd64", "openssl")
            + TestImages.dpkg("bsdutils", "1:2.38.1-5+b1", "amd64", "util-linux (2.38.1-5)");

    /** Three layers, each compressed differently: OS files, then an app, then a clean-up. */
    static TestImages.Image sample() throws IOException {
        byte[] base = new TestImages.Layer()
                .dir("etc").dir("usr/lib")
                .file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"
                        + "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                .symlink("etc/os-release", "../usr/lib/os-release")
                .file("var/lib/dpkg/status", STATUS)
                .file("tmp/old/package-lock.json", "{\"lockfileVersion\":3,\"packages\":{\"node_modules/left-pad\":"
                        + "{\"version\":\"1.0.0\"}}}")
                .file("opt/tools/lib/tool-1.0.jar", TestImages.jar("org.example", "tool", "1.0", Map.of()), 0644)
                .tar();
        byte[] app = new TestImages.Layer()
                .file("app/lib/app-2.0.jar", TestImages.jar("com.example", "app", "2.0",
                        Map.of("BOOT-INF/lib/inner-3.1.jar", TestImages.jar("com.example", "inner", "3.1", Map.of()))),
                        0644)
                .file("usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n\nbody\n")
                .file("app/node_modules/@babel/core/package.json", "{\"name\":\"@babel/core\",\"version\":\"7.24.0\"}")
                .whiteout("tmp/old")
                .tar();
        byte[] cleanup = new TestImages.Layer()
                .opaque("opt/tools")
                .file("opt/tools/README", "nothing here")
                .tar();
        return TestImages.image(List.of(base, app, cleanup), List.of(LAYER_GZIP, LAYER_ZSTD, LAYER_TAR));
    }

    ImageCatalogues catalogues(Compression.Limits limits) {
        return new ImageCatalogues(new ImageCatalogues.Options(new DataDirectory(tmp.resolve("data")),
                RegistryClient.Options.defaults(RegistryCredentials.none()), limits, true,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)));
    }

    ImageResult read(ImageSource source) throws IOException {
        return catalogues(Compression.Limits.DEFAULT).catalogue(source, Platform.DEFAULT);
    }

    @Test
    void layoutLayersApplyInOrderWithWhiteoutsAndOpaqueDirectories() throws IOException {
        TestImages.Image image = sample();
        TestImages.writeLayout(tmp.resolve("layout"), image);
        ImageResult result = read(new ImageSource.Layout(tmp.resolve("layout"), null));

        assertThat(result.problems()).isEmpty();
        ImageCatalogue c = result.catalogue();
        assertThat(c.digest()).isEqualTo(image.manifest().digest());
        assertThat(c.platform()).isEqualTo("linux/amd64");
        assertThat(c.os().id()).isEqualTo("debian");
        assertThat(c.os().versionId()).isEqualTo("12");
        assertThat(c.os().codename()).isEqualTo("bookworm");
        assertThat(c.packages()).extracting(p -> p.type() + " " + p.name() + " " + p.version()).containsExactly(
                "DEB base-files 12.4+deb12u5", "DEB bsdutils 1:2.38.1-5+b1", "DEB libssl3 3.0.11-1~deb12u2",
                "MAVEN com.example:app 2.0", "MAVEN com.example:inner 3.1",
                "NPM @babel/core 7.24.0", "PYPI requests 2.31.0");
        ImagePackage bsdutils = c.packages().get(1);
        assertThat(bsdutils.epoch()).isEqualTo(1);
        assertThat(bsdutils.sourceName()).isEqualTo("util-linux");
        assertThat(bsdutils.sourceVersion()).isEqualTo("2.38.1-5");
        assertThat(bsdutils.purl()).isEqualTo(
                "pkg:deb/debian/bsdutils@2.38.1-5%2Bb1?arch=amd64&distro=debian-12&epoch=1&upstream=util-linux");
        assertThat(bsdutils.location()).isEqualTo("/var/lib/dpkg/status");
        assertThat(bsdutils.layer()).isEqualTo(image.layers().get(0).digest());
        ImagePackage inner = c.packages().get(4);
        assertThat(inner.location()).isEqualTo("/app/lib/app-2.0.jar!/BOOT-INF/lib/inner-3.1.jar");
        assertThat(inner.layer()).isEqualTo(image.layers().get(1).digest());
        assertThat(inner.purl()).isEqualTo("pkg:maven/com.example/inner@3.1");
        assertThat(c.packages().get(5).purl()).isEqualTo("pkg:npm/%40babel/core@7.24.0");

        assertThat(c.config().user()).isEqualTo("app");
        assertThat(c.config().envNames()).containsExactly("PATH", "DB_PASSWORD");
        assertThat(c.config().exposedPorts()).containsExactly("8080/tcp");
        assertThat(c.config().entrypoint()).containsExactly("/app/run");
        assertThat(c.config().cmd()).containsExactly("serve");
        assertThat(c.config().created()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(c.config().history()).containsExactly("RUN step 1", "RUN step 2", "RUN step 3");
        assertThat(c.config().labels()).containsEntry("org.opencontainers.image.source", "https://example.com/app");
        for (SbomFormat format : SbomFormat.values()) {
            StringWriter out = new StringWriter();
            format.write(c, out);
            assertThat(out.toString()).as(format.name()).doesNotContain("hunter2");
        }
    }

    @Test
    void dockerSaveOciArchiveAndCompressedArchiveGiveTheSamePackages() throws IOException {
        TestImages.Image image = sample();
        Files.write(tmp.resolve("docker.tar"), TestImages.dockerSave(image, "example/app:1.0"));
        TestImages.writeLayout(tmp.resolve("layout"), image);
        Files.write(tmp.resolve("oci.tar"), TestImages.tarOf(tmp.resolve("layout")));
        Files.write(tmp.resolve("oci.tar.gz"), TestImages.gzip(TestImages.tarOf(tmp.resolve("layout"))));
        Files.write(tmp.resolve("oci.tar.zst"), TestImages.zstd(TestImages.tarOf(tmp.resolve("layout"))));

        List<String> expected = packages(read(new ImageSource.Layout(tmp.resolve("layout"), null)));
        assertThat(expected).hasSize(7);
        for (String archive : List.of("docker.tar", "oci.tar", "oci.tar.gz", "oci.tar.zst")) {
            ImageResult result = catalogues(Compression.Limits.DEFAULT).catalogue(
                    new ImageSource.Archive(tmp.resolve(archive), null), Platform.DEFAULT);
            assertThat(result.problems()).as(archive).isEmpty();
            assertThat(packages(result)).as(archive).isEqualTo(expected);
            assertThat(result.catalogue().os().id()).isEqualTo("debian");
        }
        ImageResult docker = read(new ImageSource.Archive(tmp.resolve("docker.tar"), "1.0"));
        assertThat(docker.catalogue().digest()).as("docker save: the image id").isEqualTo(image.config().digest());
        assertThat(scratchFiles()).as("scratch files are removed").isEmpty();
    }

    @Test
    void secondReadComesFromTheCacheUnderTheDataDirectory() throws IOException {
        TestImages.Image image = sample();
        TestImages.writeLayout(tmp.resolve("layout"), image);
        ImageResult first = read(new ImageSource.Layout(tmp.resolve("layout"), null));
        ImageResult second = read(new ImageSource.Layout(tmp.resolve("layout"), null));
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.catalogue().packages()).isEqualTo(first.catalogue().packages());
        assertThat(second.catalogue().config()).isEqualTo(first.catalogue().config());
        Path entry = tmp.resolve("data/images/sha256/" + image.manifest().digest().substring(7) + ".json");
        assertThat(entry).exists();
        assertThat(Files.readString(entry)).doesNotContain("hunter2");
        assertThat(CatalogueJson.read(CatalogueJson.write(first.catalogue()))).isEqualTo(first.catalogue());
    }

    @Test
    void rpmSqliteInsideAnImageIsReadThroughAScratchCopyThatIsDeleted() throws IOException {
        byte[] sqlite = Files.readAllBytes(SharedData.path(
                "conformance/scanner/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite"));
        byte[] layer = new TestImages.Layer()
                .file("etc/os-release", "ID=mariner\nVERSION_ID=\"2.0\"\n")
                .file("var/lib/rpm/rpmdb.sqlite", sqlite, 0644)
                .tar();
        TestImages.writeLayout(tmp.resolve("layout"), TestImages.image(List.of(layer), List.of(LAYER_GZIP)));
        ImageResult result = read(new ImageSource.Layout(tmp.resolve("layout"), null));
        assertThat(result.problems()).isEmpty();
        assertThat(result.catalogue().packages()).anySatisfy(p -> {
            assertThat(p.type()).isEqualTo(PackageType.RPM);
            assertThat(p.name()).isEqualTo("curl");
            assertThat(p.purl()).isEqualTo("pkg:rpm/mariner/curl@7.76.0-6.cm2?arch=x86_64&distro=mariner-2.0");
        });
        assertThat(scratchFiles()).isEmpty();
    }

    @Test
    void aRewrittenDatabaseKeepsTheLayerThatIntroducedEachPackage() throws IOException {
        byte[] first = new TestImages.Layer().file("var/lib/dpkg/status", TestImages.dpkg("old", "1.0", "amd64", null)
                + TestImages.dpkg("upgraded", "1.0", "amd64", null)).tar();
        byte[] second = new TestImages.Layer().file("var/lib/dpkg/status", TestImages.dpkg("old", "1.0", "amd64", null)
                + TestImages.dpkg("upgraded", "2.0", "amd64", null) + TestImages.dpkg("added", "1.0", "amd64", null))
                .tar();
        TestImages.Image image = TestImages.image(List.of(first, second), List.of(LAYER_GZIP, LAYER_GZIP));
        TestImages.writeLayout(tmp.resolve("layout"), image);
        ImageResult result = read(new ImageSource.Layout(tmp.resolve("layout"), null));
        assertThat(result.catalogue().packages()).extracting(p -> p.name() + " " + p.version() + " "
                + (p.layer().equals(image.layers().get(0).digest()) ? "layer 1" : "layer 2"))
                .containsExactly("added 1.0 layer 2", "old 1.0 layer 1", "upgraded 2.0 layer 2");
    }

    @Test
    void multiPlatformLayoutIsResolvedToThePlatformAsked() throws IOException {
        TestImages.Image amd = TestImages.image("linux/amd64", List.of(new TestImages.Layer()
                .file("var/lib/dpkg/status", TestImages.dpkg("only-amd64", "1.0", "amd64", null)).tar()),
                List.of(LAYER_GZIP), cfg -> { });
        TestImages.Image arm = TestImages.image("linux/arm64", List.of(new TestImages.Layer()
                .file("var/lib/dpkg/status", TestImages.dpkg("only-arm64", "1.0", "arm64", null)).tar()),
                List.of(LAYER_GZIP), cfg -> { });
        TestImages.writeLayout(tmp.resolve("multi"), TestImages.index(List.of(amd, arm)), List.of(amd, arm));
        ImageCatalogues catalogues = catalogues(Compression.Limits.DEFAULT);
        assertThat(catalogues.catalogue(new ImageSource.Layout(tmp.resolve("multi"), null), Platform.DEFAULT)
                .catalogue().packages()).extracting(ImagePackage::name).containsExactly("only-amd64");
        ImageResult arm64 = catalogues.catalogue(new ImageSource.Layout(tmp.resolve("multi"), null),
                Platform.parse("linux/arm64"));
        assertThat(arm64.catalogue().packages()).extracting(ImagePackage::name).containsExactly("only-arm64");
        assertThat(arm64.catalogue().platform()).isEqualTo("linux/arm64");
        assertThatThrownBy(() -> catalogues.catalogue(new ImageSource.Layout(tmp.resolve("multi"), null),
                Platform.parse("linux/s390x"))).hasMessageContaining("no manifest for platform linux/s390x")
                .hasMessageContaining("linux/arm64");
    }

    static List<String> packages(ImageResult result) {
        return result.catalogue().packages().stream().map(p -> p.purl() + " " + p.location()).toList();
    }

    List<Path> scratchFiles() throws IOException {
        Path scratch = tmp.resolve("data/tmp");
        if (!Files.exists(scratch)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(scratch)) {
            return files.toList();
        }
    }
}
