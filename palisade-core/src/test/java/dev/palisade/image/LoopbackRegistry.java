package dev.palisade.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real registry (Debian's docker-registry, the CNCF distribution server) on a loopback port, with images pushed
 * through the OCI distribution API by Java's HTTP client. In CI the binary must be there (.ci/run installs it);
 * elsewhere a test is skipped with a clear message when it is not.
 */
public final class LoopbackRegistry implements AutoCloseable {

    private static final String BINARY = "/usr/bin/docker-registry";
    private final Process process;
    private final String host;
    private final HttpClient http = HttpClient.newHttpClient();

    private LoopbackRegistry(Process process, String host) {
        this.process = process;
        this.host = host;
    }

    /** Starts a registry storing under {@code dir}. */
    public static LoopbackRegistry start(Path dir) throws IOException, InterruptedException {
        requireBinary(BINARY, "docker-registry");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data") + "\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n");
        Process process = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LoopbackRegistry registry = new LoopbackRegistry(process, "127.0.0.1:" + port);
        for (int i = 0; i < 100; i++) {
            try {
                if (registry.http.send(HttpRequest.newBuilder(URI.create("http://" + registry.host + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return registry;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(
                        dir.resolve("registry.log")));
            }
            Thread.sleep(100);
        }
        registry.close();
        throw new IllegalStateException("docker-registry did not start on " + registry.host);
    }

    /** Fails in CI (where .ci/run installs the binary) and skips elsewhere when a binary is absent. */
    public static void requireBinary(String path, String debianPackage) {
        if (Files.isExecutable(Path.of(path))) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError(path + " is missing: .ci/run must install the Debian package " + debianPackage);
        }
        assumeTrue(false, path + " is missing (apt-get install " + debianPackage + "); this test needs it");
    }

    public String host() {
        return host;
    }

    public void push(String repository, String tag, TestImages.Image image) throws IOException, InterruptedException {
        pushBlobs(repository, image);
        putManifest(repository, tag, image.manifest());
    }

    public void pushIndex(String repository, String tag, TestImages.Blob index, List<TestImages.Image> images)
            throws IOException, InterruptedException {
        for (TestImages.Image image : images) {
            pushBlobs(repository, image);
            putManifest(repository, image.manifest().digest(), image.manifest());
        }
        putManifest(repository, tag, index);
    }

    private void pushBlobs(String repository, TestImages.Image image) throws IOException, InterruptedException {
        blob(repository, image.config());
        for (TestImages.Blob layer : image.layers()) {
            blob(repository, layer);
        }
    }

    /** Monolithic upload: POST for a session, then PUT the content with its digest. */
    public void blob(String repository, TestImages.Blob blob) throws IOException, InterruptedException {
        URI base = URI.create("http://" + host + "/v2/" + repository + "/blobs/uploads/");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers
                .noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IOException("upload start: HTTP " + started.statusCode() + " " + started.body());
        }
        URI location = base.resolve(started.headers().firstValue("Location").orElseThrow());
        String url = location + (location.getQuery() == null ? "?" : "&") + "digest=" + blob.digest();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.content())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IOException("upload of " + blob.digest() + ": HTTP " + put.statusCode() + " " + put.body());
        }
    }

    private void putManifest(String repository, String reference, TestImages.Blob manifest)
            throws IOException, InterruptedException {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/"
                + repository + "/manifests/" + reference)).header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.content())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IOException("manifest " + reference + ": HTTP " + put.statusCode() + " " + put.body());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
