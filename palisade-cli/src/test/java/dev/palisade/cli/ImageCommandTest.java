package dev.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code palisade image sbom}: sources, output formats, the data directory and exit codes. */
class ImageCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** A one-layer OCI layout with two Debian packages and an os-release. */
    private Path layout() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
            file(tar, "var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\n"
                    + "Source: glibc\nVersion: 2.36-9+deb12u4\n\nPackage: zlib1g\nStatus: install ok installed\n"
                    + "Architecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n");
        }
        byte[] layer = bytes.toByteArray();
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"API_TOKEN=abc123\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha(config)
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + sha(layer) + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        Path layout = dir.resolve("layout");
        Files.createDirectories(layout.resolve("blobs/sha256"));
        for (byte[] blob : new byte[][] {layer, config, manifest}) {
            Files.write(layout.resolve("blobs/sha256").resolve(sha(blob).substring(7)), blob);
        }
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + sha(manifest) + "\",\"size\":"
                + manifest.length + "}]}");
        return layout;
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String sha(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sbomOfALayoutInEveryFormatAndFromTheCache() throws IOException {
        Path layout = layout();
        Path data = dir.resolve("data");
        PalisadeCommandTest.Run table = PalisadeCommandTest.run("image", "sbom", "--layout", layout.toString(),
                "--data-dir", data.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("os: debian 12", "deb     libc6  2.36-9+deb12u4", "2 packages");
        assertThat(data.resolve("images/sha256")).isDirectory();

        PalisadeCommandTest.Run cyclonedx = PalisadeCommandTest.run("image", "sbom", "--layout", layout.toString(),
                "--data-dir", data.toString(), "-o", "cyclonedx");
        JsonNode bom = JSON.readTree(cyclonedx.out());
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(bom.path("components").findValuesAsString("purl")).contains(
                "pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&distro=debian-12&epoch=1&upstream=zlib");

        Path spdxFile = dir.resolve("image.spdx.json");
        PalisadeCommandTest.Run spdx = PalisadeCommandTest.run("image", "sbom", "--layout", layout.toString(),
                "--data-dir", data.toString(), "-o", "spdx", "--output-file", spdxFile.toString());
        assertThat(spdx.exitCode()).isZero();
        assertThat(spdx.err()).contains("2 packages written to " + spdxFile, "(from the image cache)");
        assertThat(JSON.readTree(spdxFile.toFile()).path("spdxVersion").asString()).isEqualTo("SPDX-2.3");

        PalisadeCommandTest.Run json = PalisadeCommandTest.run("image", "sbom", "--layout", layout.toString(),
                "--data-dir", data.toString(), "-o", "json", "--no-cache");
        assertThat(json.out()).contains("\"envNames\"", "API_TOKEN").doesNotContain("abc123");

        // An SBOM Palisade wrote reads back to the same packages.
        Path bomFile = dir.resolve("bom.json");
        Files.writeString(bomFile, cyclonedx.out());
        PalisadeCommandTest.Run back = PalisadeCommandTest.run("image", "sbom", "--sbom", bomFile.toString(),
                "-o", "table");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).contains("libc6", "1:1.2.13.dfsg-1", "2 packages");
    }

    @Test
    void errorsExitTwoWithAMessageNamingTheInput() {
        PalisadeCommandTest.Run none = PalisadeCommandTest.run("image", "sbom");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("name one image");

        Path missing = dir.resolve("missing.tar");
        PalisadeCommandTest.Run archive = PalisadeCommandTest.run("image", "sbom", "--archive", missing.toString(),
                "--data-dir", dir.resolve("data").toString());
        assertThat(archive.exitCode()).isEqualTo(2);
        assertThat(archive.err()).contains("palisade: " + missing + ": no such file");

        PalisadeCommandTest.Run format = PalisadeCommandTest.run("image", "sbom", "--archive", missing.toString(),
                "-o", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("unknown output format 'xml'");

        PalisadeCommandTest.Run help = PalisadeCommandTest.run("image");
        assertThat(help.out()).contains("sbom");
    }
}
