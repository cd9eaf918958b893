package dev.palisade.vuln.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.palisade.SharedData;
import dev.palisade.vuln.osv.OsvRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db update} against a loopback HTTP server serving zips of the shared OSV records. */
class DatabaseUpdateTest {

    /** What the server answers for one path. */
    record Served(byte[] body, String etag, String md5Header, int status) {
        static Served archive(byte[] body, String etag) {
            return new Served(body, etag, "md5=" + Base64.getEncoder().encodeToString(md5(body)), 200);
        }
    }

    @TempDir
    Path dir;

    final Map<String, Served> served = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server;
    HttpClient client = HttpClient.newHttpClient();
    VulnerabilityDatabase database;
    byte[] mavenZip;
    byte[] npmZip;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(path + (ifNoneMatch == null ? "" : " If-None-Match " + ifNoneMatch));
            Served answer = served.get(path);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (answer.status() != 200) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else if (answer.etag().equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().add("ETag", answer.etag());
                if (answer.md5Header() != null) {
                    exchange.getResponseHeaders().add("x-goog-hash", "crc32c=AAAAAA==, " + answer.md5Header());
                }
                exchange.sendResponseHeaders(200, answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
            exchange.close();
        });
        server.start();
        mavenZip = Files.readAllBytes(TestArchives.zip(dir.resolve("maven.zip"), SharedData.path("vulndata/osv/Maven")));
        npmZip = Files.readAllBytes(TestArchives.zip(dir.resolve("npm.zip"), SharedData.path("vulndata/osv/npm")));
        served.put("/Maven/all.zip", Served.archive(mavenZip, "\"maven-1\""));
        served.put("/npm/all.zip", Served.archive(npmZip, "\"npm-1\""));
        database = new VulnerabilityDatabase(dir.resolve("db"),
                Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<URI> sources() {
        return List.of(url("/Maven/all.zip"), url("/npm/all.zip"));
    }

    @Test
    void freshDownloadBuildsTheStore() throws IOException {
        VulnerabilityDatabase.Result result = database.update(sources(), client);

        assertThat(result.changed()).isTrue();
        assertThat(result.sources()).extracting(SourceOutcome::status)
                .containsExactly(SourceOutcome.Status.DOWNLOADED, SourceOutcome.Status.DOWNLOADED);
        StoreInfo info = database.open().info();
        assertThat(info.records()).isEqualTo(367 + 7);
        assertThat(info.sources()).extracting(SourceInfo::location)
                .containsExactly(url("/Maven/all.zip").toString(), url("/npm/all.zip").toString());
        assertThat(info.sources()).extracting(SourceInfo::etag).containsExactly("\"maven-1\"", "\"npm-1\"");
        assertThat(info.sources()).extracting(SourceInfo::records).containsExactly(367, 7);
        assertThat(database.open().find("npm", "lodash")).extracting(OsvRecord::id)
                .contains("GHSA-35jh-r3h4-6jhm");
    }

    @Test
    void notModifiedKeepsTheStoreAsItIs() throws IOException {
        database.update(sources(), client);
        StoreInfo before = database.open().info();
        requests.clear();

        VulnerabilityDatabase.Result result = database.update(sources(), client);

        assertThat(requests).containsExactly("/Maven/all.zip If-None-Match \"maven-1\"",
                "/npm/all.zip If-None-Match \"npm-1\"");
        assertThat(result.changed()).isFalse();
        assertThat(result.sources()).extracting(SourceOutcome::status)
                .containsOnly(SourceOutcome.Status.NOT_MODIFIED);
        assertThat(database.open().info()).isEqualTo(before);
    }

    @Test
    void aChangedSourceIsDownloadedAgainAndTheStoreRebuilt() throws IOException {
        database.update(sources(), client);
        String before = database.open().info().contentHash();
        byte[] smaller = Files.readAllBytes(TestArchives.zip(dir.resolve("npm2.zip"),
                SharedData.path("vulndata/osv/Alpine")));
        served.put("/npm/all.zip", Served.archive(smaller, "\"npm-2\""));

        VulnerabilityDatabase.Result result = database.update(sources(), client);

        assertThat(result.sources()).extracting(SourceOutcome::status)
                .containsExactly(SourceOutcome.Status.NOT_MODIFIED, SourceOutcome.Status.DOWNLOADED);
        assertThat(result.info().contentHash()).isNotEqualTo(before);
        assertThat(result.info().records()).isEqualTo(367 + 187);
    }

    @Test
    void checksumMismatchKeepsTheOldDatabase() throws IOException {
        database.update(sources(), client);
        StoreInfo before = database.open().info();
        served.put("/npm/all.zip", new Served(mavenZip, "\"npm-2\"",
                "md5=" + Base64.getEncoder().encodeToString(md5(npmZip)), 200));

        assertThatThrownBy(() -> database.update(sources(), client)).isInstanceOf(DatabaseUpdateException.class)
                .hasMessageStartingWith(url("/npm/all.zip") + ": checksum mismatch: the server states MD5");

        assertThat(database.open().info()).isEqualTo(before);
        assertNoTemporaryFiles();
    }

    @Test
    void serverErrorKeepsTheOldDatabaseAndTheNextRunResumes() throws IOException {
        database.update(sources(), client);
        StoreInfo before = database.open().info();
        served.put("/Maven/all.zip", Served.archive(npmZip, "\"maven-2\""));
        served.put("/npm/all.zip", new Served(null, null, null, 503));

        assertThatThrownBy(() -> database.update(sources(), client)).isInstanceOf(DatabaseUpdateException.class)
                .hasMessage(url("/npm/all.zip") + ": HTTP 503");
        assertThat(database.open().info()).isEqualTo(before);
        assertNoTemporaryFiles();

        served.put("/npm/all.zip", Served.archive(npmZip, "\"npm-1\""));
        requests.clear();
        VulnerabilityDatabase.Result result = database.update(sources(), client);
        assertThat(requests).containsExactly("/Maven/all.zip If-None-Match \"maven-2\"",
                "/npm/all.zip If-None-Match \"npm-1\"");
        assertThat(result.changed()).isTrue();
        assertThat(result.info().records()).isEqualTo(7);
    }

    @Test
    void aDownloadThatIsNotAZipIsNotKept() throws IOException {
        served.put("/npm/all.zip", Served.archive("<html>maintenance</html>".getBytes(), "\"npm-x\""));

        assertThatThrownBy(() -> database.update(sources(), client)).isInstanceOf(DatabaseUpdateException.class)
                .hasMessageStartingWith(url("/npm/all.zip") + ": not a zip archive");
        assertThat(VulnerabilityStore.existsIn(database.directory())).isFalse();

        served.put("/npm/all.zip", Served.archive(npmZip, "\"npm-1\""));
        requests.clear();
        database.update(sources(), client);
        assertThat(requests).contains("/npm/all.zip");
        assertThat(database.open().info().records()).isEqualTo(367 + 7);
    }

    @Test
    void swapIsAtomicAndAnOpenStoreKeepsWorking() throws IOException {
        database.update(sources(), client);
        VulnerabilityStore opened = database.open();
        served.put("/Maven/all.zip", Served.archive(npmZip, "\"maven-2\""));

        database.update(sources(), client);

        assertThat(opened.find("Maven", "org.apache.logging.log4j:log4j-core")).isNotEmpty();
        assertThat(database.open().find("Maven", "org.apache.logging.log4j:log4j-core")).isEmpty();
        assertThat(database.open().info().records()).isEqualTo(7);
        assertNoTemporaryFiles();
    }

    @Test
    void unreachableServerNamesTheUrl() {
        URI closed = url("/Maven/all.zip");
        server.stop(0);
        assertThatThrownBy(() -> database.update(List.of(closed), client)).isInstanceOf(DatabaseUpdateException.class)
                .hasMessageStartingWith(closed + ": download failed");
        assertThat(VulnerabilityStore.existsIn(database.directory())).isFalse();
    }

    void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(database.directory())) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".download"));
        }
    }

    static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
