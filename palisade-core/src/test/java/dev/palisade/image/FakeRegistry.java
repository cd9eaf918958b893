package dev.palisade.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted registry on loopback for what a real one does not easily show: bearer-token and basic challenges,
 * 429/503 answers before success, 403, and corrupted blobs.
 */
final class FakeRegistry implements AutoCloseable {

    enum Auth { NONE, BEARER, BASIC }

    final Map<String, byte[]> manifests = new HashMap<>();
    final Map<String, String> manifestTypes = new HashMap<>();
    final Map<String, byte[]> blobs = new HashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile int failureStatus = 503;
    volatile Auth auth = Auth.NONE;
    volatile String user = "reader";
    volatile String password = "s3cret";
    volatile boolean forbid;
    private final HttpServer server;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void serve(String repository, String tag, TestImages.Image image) {
        manifests.put(repository + ":" + tag, image.manifest().content());
        manifests.put(repository + ":" + image.manifest().digest(), image.manifest().content());
        manifestTypes.put(repository + ":" + tag, image.manifest().mediaType());
        manifestTypes.put(repository + ":" + image.manifest().digest(), image.manifest().mediaType());
        blobs.put(image.config().digest(), image.config().content());
        image.layers().forEach(l -> blobs.put(l.digest(), l.content()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (path.equals("/token")) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
            if (authorization != null && !authorization.equals(expected)) {
                send(exchange, 401, "text/plain", "bad credentials".getBytes());
            } else {
                send(exchange, 200, "application/json", ("{\"token\":\"" + (authorization == null ? "anonymous"
                        : "granted") + "\"}").getBytes());
            }
            return;
        }
        if (failuresLeft.getAndDecrement() > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            send(exchange, failureStatus, "text/plain", "busy".getBytes());
            return;
        }
        if (auth == Auth.BEARER && (authorization == null || !authorization.startsWith("Bearer "))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                    + "/token\",service=\"fake\",scope=\"repository:team/app:pull\"");
            send(exchange, 401, "application/json", "{}".getBytes());
            return;
        }
        if (auth == Auth.BASIC && !("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes())).equals(authorization)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
            send(exchange, 401, "application/json", "{}".getBytes());
            return;
        }
        if (forbid) {
            send(exchange, 403, "application/json", "{}".getBytes());
            return;
        }
        String[] parts = path.split("/");
        // /v2/<repo...>/(manifests|blobs)/<ref>
        String kind = parts[parts.length - 2];
        String ref = parts[parts.length - 1];
        String repository = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length - 2));
        if (kind.equals("manifests") && manifests.containsKey(repository + ":" + ref)) {
            send(exchange, 200, manifestTypes.get(repository + ":" + ref), manifests.get(repository + ":" + ref));
        } else if (kind.equals("blobs") && blobs.containsKey(ref)) {
            send(exchange, 200, "application/octet-stream", blobs.get(ref));
        } else {
            send(exchange, 404, "application/json", "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}".getBytes());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
