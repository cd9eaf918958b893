package dev.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DbCommandTest {

    static final String LODASH = """
            {"id": "GHSA-35jh-r3h4-6jhm", "aliases": ["CVE-2021-23337"], "modified": "2024-01-01T00:00:00Z",
             "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
               "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}
            """;
    static final String OPENSSL = """
            {"id": "DSA-5103-1", "upstream": ["CVE-2022-0778"], "modified": "2022-03-15T00:00:00Z",
             "affected": [{"package": {"ecosystem": "Debian:11", "name": "openssl"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1.1k-1+deb11u2"}]}]}]}
            """;

    @TempDir
    Path dir;

    Path records() throws IOException {
        Path records = Files.createDirectories(dir.resolve("records"));
        Files.writeString(records.resolve("GHSA-35jh-r3h4-6jhm.json"), LODASH);
        Files.writeString(records.resolve("DSA-5103-1.json"), OPENSSL);
        Files.writeString(records.resolve("broken.json"), "{");
        return records;
    }

    @Test
    void importThenStatus() throws IOException {
        String dataDir = dir.resolve("data").toString();
        PalisadeCommandTest.Run imported = PalisadeCommandTest.run("db", "import", records().toString(),
                "--data-dir", dataDir);

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).startsWith("database updated: 2 records (0 withdrawn), osv:");
        assertThat(imported.err()).contains("palisade: skipped " + records().resolve("broken.json")
                + ": not valid JSON");

        PalisadeCommandTest.Run status = PalisadeCommandTest.run("db", "status", "--data-dir", dataDir);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("records:    2 (0 withdrawn)", "Debian:11", "npm",
                "2 records, 1 skipped").containsPattern("built: .* \\(\\d+ minutes ago\\)");

        JsonNode json = JsonMapper.builder().build().readTree(
                PalisadeCommandTest.run("db", "status", "-o", "json", "--data-dir", dataDir).out());
        assertThat(json.path("records").asInt()).isEqualTo(2);
        assertThat(json.path("recordsPerEcosystem").path("Debian:11").asInt()).isEqualTo(1);
        assertThat(json.path("identity").asString()).startsWith("osv:");
    }

    @Test
    void statusWithoutADatabaseSaysWhatToRun() {
        PalisadeCommandTest.Run status = PalisadeCommandTest.run("db", "status", "--data-dir", dir.toString());
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).contains("no vulnerability database; run 'palisade db update'");
    }

    @Test
    void updateFromALoopbackServer() throws IOException {
        byte[] zip = zip();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/all.zip", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"1\"");
            if ("\"1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, zip.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(zip);
                }
            }
            exchange.close();
        });
        server.createContext("/broken.zip", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String dataDir = dir.resolve("data").toString();

            PalisadeCommandTest.Run first = PalisadeCommandTest.run("db", "update", "--source", base + "/all.zip",
                    "--data-dir", dataDir);
            assertThat(first.exitCode()).isZero();
            assertThat(first.out()).contains("downloaded    " + base + "/all.zip", "database updated: 2 records");

            PalisadeCommandTest.Run second = PalisadeCommandTest.run("db", "update", "--source", base + "/all.zip",
                    "--data-dir", dataDir);
            assertThat(second.out()).contains("not modified  " + base + "/all.zip", "database up to date: 2 records");

            PalisadeCommandTest.Run failed = PalisadeCommandTest.run("db", "update", "--source", base + "/broken.zip",
                    "--data-dir", dataDir);
            assertThat(failed.exitCode()).isEqualTo(2);
            assertThat(failed.err()).contains("palisade: " + base + "/broken.zip: HTTP 500");
            assertThat(PalisadeCommandTest.run("db", "status", "--data-dir", dataDir).out())
                    .contains("records:    2");
        } finally {
            server.stop(0);
        }
    }

    static byte[] zip() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("GHSA-35jh-r3h4-6jhm.json"));
            zip.write(LODASH.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("DSA-5103-1.json"));
            zip.write(OPENSSL.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
