package dev.palisade.image;

import static dev.palisade.image.TestImages.LAYER_GZIP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.source.Platform;
import dev.palisade.image.source.RegistryClient;
import dev.palisade.image.source.RegistryCredentials;
import dev.palisade.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registries over the OCI distribution API: a real one on loopback, and a scripted one for auth and failures. */
class RegistryTest {

    @TempDir
    Path tmp;

    ImageCatalogues catalogues(RegistryCredentials credentials) {
        return new ImageCatalogues(new ImageCatalogues.Options(new DataDirectory(tmp.resolve("data")),
                new RegistryClient.Options(credentials, false, 3, Duration.ofMillis(10), Duration.ofSeconds(10)),
                Compression.Limits.DEFAULT, false, Clock.systemUTC()));
    }

    ImageResult read(String reference) throws IOException {
        return catalogues(RegistryCredentials.none()).catalogue(new ImageSource.Registry(reference), Platform.DEFAULT);
    }

    @Test
    void imagesPushedToARealRegistryReadAsFromTheirLayout() throws Exception {
        TestImages.Image image = ImageReadingTest.sample();
        try (LoopbackRegistry registry = LoopbackRegistry.start(tmp.resolve("registry"))) {
            registry.push("team/app", "1.0", image);
            ImageResult byTag = read(registry.host() + "/team/app:1.0");
            assertThat(byTag.problems()).isEmpty();
            assertThat(byTag.catalogue().digest()).isEqualTo(image.manifest().digest());
            TestImages.writeLayout(tmp.resolve("layout"), image);
            ImageResult fromLayout = catalogues(RegistryCredentials.none()).catalogue(
                    new ImageSource.Layout(tmp.resolve("layout"), null), Platform.DEFAULT);
            assertThat(ImageReadingTest.packages(byTag)).isEqualTo(ImageReadingTest.packages(fromLayout));
            ImageResult byDigest = read(registry.host() + "/team/app@" + image.manifest().digest());
            assertThat(ImageReadingTest.packages(byDigest)).isEqualTo(ImageReadingTest.packages(byTag));

            TestImages.Image amd = TestImages.image("linux/amd64", List.of(new TestImages.Layer()
                    .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n\n").tar()),
                    List.of(LAYER_GZIP), cfg -> { });
            TestImages.Image arm = TestImages.image("linux/arm64", List.of(new TestImages.Layer()
                    .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:aarch64\no:musl\n\n").tar()),
                    List.of(LAYER_GZIP), cfg -> { });
            registry.pushIndex("team/multi", "latest", TestImages.index(List.of(amd, arm)), List.of(amd, arm));
            assertThat(read(registry.host() + "/team/multi").catalogue().packages())
                    .extracting(ImagePackage::arch).containsExactly("x86_64");
            ImageResult armResult = catalogues(RegistryCredentials.none()).catalogue(
                    new ImageSource.Registry(registry.host() + "/team/multi"), Platform.parse("linux/arm64"));
            assertThat(armResult.catalogue().packages()).extracting(ImagePackage::arch).containsExactly("aarch64");
            assertThat(armResult.catalogue().digest()).isEqualTo(arm.manifest().digest());

            assertThatThrownBy(() -> read(registry.host() + "/team/app:2.0"))
                    .hasMessageContaining("registry " + registry.host() + ": manifest 2.0 of team/app not found (404)");
        }
    }

    @Test
    void anonymousBearerTokenAndRetriesOn429And503() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.serve("team/app", "1.0", ImageReadingTest.sample());
            fake.auth = FakeRegistry.Auth.BEARER;
            fake.failuresLeft.set(2);
            fake.failureStatus = 429;
            ImageResult result = read(fake.host() + "/team/app:1.0");
            assertThat(result.problems()).isEmpty();
            assertThat(result.catalogue().packages()).hasSize(7);
            assertThat(fake.requests).anyMatch(r -> r.startsWith("GET /token?service=fake&scope=repository"));
            fake.failuresLeft.set(10);
            fake.failureStatus = 503;
            assertThatThrownBy(() -> read(fake.host() + "/team/app:1.0"))
                    .hasMessageContaining("manifest 1.0 of team/app failed with HTTP 503 after 3 tries");
        }
    }

    @Test
    void credentialsFromDockerConfigForBearerAndBasicAuth() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.serve("team/app", "1.0", ImageReadingTest.sample());
            Path home = tmp.resolve("home");
            Files.createDirectories(home.resolve(".docker"));
            String auth = Base64.getEncoder().encodeToString("reader:s3cret".getBytes());
            Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{\"http://" + fake.host()
                    + "\":{\"auth\":\"" + auth + "\"}}}");
            RegistryCredentials credentials = RegistryCredentials.load(Map.of(), home);
            assertThat(credentials.forRegistry(fake.host())).hasValueSatisfying(c -> {
                assertThat(c.username()).isEqualTo("reader");
                assertThat(c.toString()).doesNotContain("s3cret");
            });

            fake.auth = FakeRegistry.Auth.BASIC;
            assertThat(catalogues(credentials).catalogue(new ImageSource.Registry(fake.host() + "/team/app:1.0"),
                    Platform.DEFAULT).catalogue().packages()).hasSize(7);
            assertThatThrownBy(() -> read(fake.host() + "/team/app:1.0")).hasMessageContaining(
                    "registry " + fake.host() + ": authentication required or refused for team/app (401)");

            fake.auth = FakeRegistry.Auth.BEARER;
            fake.requests.clear();
            assertThat(catalogues(credentials).catalogue(new ImageSource.Registry(fake.host() + "/team/app:1.0"),
                    Platform.DEFAULT).problems()).isEmpty();
            fake.password = "changed";
            assertThatThrownBy(() -> catalogues(credentials).catalogue(new ImageSource.Registry(fake.host()
                    + "/team/app:1.0"), Platform.DEFAULT)).hasMessageContaining("refused the credentials for team/app");
        }
    }

    @Test
    void credentialHelperIsAskedWhenInstalled() throws IOException {
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Path helper = bin.resolve("docker-credential-palisadetest");
        Files.writeString(helper, "#!/bin/sh\nread server\necho \"{\\\"ServerURL\\\":\\\"$server\\\","
                + "\\\"Username\\\":\\\"robot\\\",\\\"Secret\\\":\\\"from-helper\\\"}\"\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"credHelpers\":{\"registry.example.com\":"
                + "\"palisadetest\",\"other.example.com\":\"not-installed\"}}");
        RegistryCredentials credentials = RegistryCredentials.load(Map.of("PATH", bin.toString()), home);
        assertThat(credentials.forRegistry("registry.example.com")).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("robot");
            assertThat(c.secret()).isEqualTo("from-helper");
        });
        assertThat(credentials.forRegistry("other.example.com")).isEmpty();
        assertThat(credentials.forRegistry("third.example.com")).isEmpty();
    }

    @Test
    void forbiddenMissingAndCorruptedBlobsGiveClearMessages() throws Exception {
        try (FakeRegistry fake = new FakeRegistry()) {
            TestImages.Image image = ImageReadingTest.sample();
            fake.serve("team/app", "1.0", image);
            fake.forbid = true;
            assertThatThrownBy(() -> read(fake.host() + "/team/app:1.0"))
                    .hasMessageContaining("registry " + fake.host() + ": access to team/app denied (403)");
            fake.forbid = false;
            assertThatThrownBy(() -> read(fake.host() + "/team/nothing:1.0"))
                    .hasMessageContaining("manifest 1.0 of team/nothing not found (404)");
            String layer = image.layers().get(1).digest();
            fake.blobs.put(layer, TestImages.zstd(new TestImages.Layer().file("x", "tampered").tar()));
            ImageResult result = read(fake.host() + "/team/app:1.0");
            assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("blob " + layer));
            assertThat(result.catalogue().packages()).extracting(ImagePackage::name).contains("base-files");
            fake.blobs.remove(layer);
            ImageResult missing = read(fake.host() + "/team/app:1.0");
            assertThat(missing.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("blob " + layer + " of team/app not found (404)"));
        }
    }
}
