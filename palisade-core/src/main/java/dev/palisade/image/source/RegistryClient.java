package dev.palisade.image.source;

import dev.palisade.image.ImageException;
import dev.palisade.inventory.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads images from a registry over the OCI distribution API v2 (the JDK HTTP client): anonymous or
 * credentialed bearer tokens, basic auth, retries with backoff on 429 and 5xx, every blob verified against its
 * digest while it streams.
 */
public final class RegistryClient {

    /**
     * How to talk to registries.
     *
     * @param credentials  where credentials come from
     * @param plainHttp    use http:// for every registry (loopback registries always use it)
     * @param attempts     tries per request when the registry answers 429 or 5xx or the connection fails
     * @param firstBackoff wait before the second try; doubled for each next one
     * @param timeout      connect and response-header timeout
     */
    public record Options(RegistryCredentials credentials, boolean plainHttp, int attempts, Duration firstBackoff,
                          Duration timeout) {

        public static Options defaults(RegistryCredentials credentials) {
            return new Options(credentials, false, 4, Duration.ofMillis(500), Duration.ofSeconds(30));
        }
    }

    private static final Pattern AUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

    private final Options options;
    private final HttpClient http;

    public RegistryClient(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Resolves {@code reference} (an index is resolved to {@code platform}) and returns the image to read. */
    public OpenedImage open(ImageRef reference, Platform platform) throws IOException {
        if (reference.digest() != null) {
            Digests.requireValid(reference.digest(), "image reference " + reference);
        }
        Session session = new Session(reference);
        Fetched top = session.manifest(reference.digest() != null ? reference.digest() : reference.tag());
        if (reference.digest() != null && !top.digest().equals(reference.digest())) {
            throw new ImageException(reference + ": digest mismatch: the registry's manifest hashes to "
                    + top.digest());
        }
        session.manifests.put(top.digest(), top.body());
        return Manifests.resolve(reference.toString(), Descriptor.of(top.mediaType(), top.digest(), top.body().length),
                session, platform);
    }

    private record Fetched(String digest, String mediaType, byte[] body) {
    }

    /** One repository's requests, sharing its token. */
    private final class Session implements BlobStore {

        private final ImageRef reference;
        private final String base;
        private final Map<String, byte[]> manifests = new HashMap<>();
        private String authorization;

        Session(ImageRef reference) {
            this.reference = reference;
            boolean plain = options.plainHttp() || loopback(reference.registry());
            this.base = (plain ? "http://" : "https://") + apiHost(reference.registry()) + "/v2/"
                    + reference.repository();
        }

        Fetched manifest(String tagOrDigest) throws IOException {
            HttpResponse<InputStream> response = send(base + "/manifests/" + tagOrDigest, true,
                    "manifest " + tagOrDigest);
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
            }
            if (body.length > MAX_DOCUMENT_BYTES) {
                throw new ImageException(reference + ": manifest " + tagOrDigest + " is larger than "
                        + (MAX_DOCUMENT_BYTES >> 20) + " MiB");
            }
            String mediaType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
            return new Fetched(Digests.sha256(body), mediaType, body);
        }

        @Override
        public byte[] manifest(Descriptor manifest) throws IOException {
            byte[] known = manifests.get(manifest.digest());
            if (known != null) {
                return known;
            }
            Fetched fetched = manifest(manifest.digest());
            if (!fetched.digest().equals(manifest.digest())) {
                throw new ImageException(reference + ": digest mismatch for manifest " + manifest.digest()
                        + ": its content hashes to " + fetched.digest());
            }
            manifests.put(fetched.digest(), fetched.body());
            return fetched.body();
        }

        @Override
        public InputStream open(Descriptor blob) throws IOException {
            HttpResponse<InputStream> response = send(base + "/blobs/" + blob.digest(), false,
                    "blob " + blob.digest());
            return new VerifiedInputStream(response.body(), blob, reference.toString());
        }

        /** GET with authentication on demand and retries; fails with a message naming what was asked for. */
        private HttpResponse<InputStream> send(String url, boolean manifest, String what) throws IOException {
            boolean authenticated = false;
            for (int attempt = 1; ; attempt++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(options.timeout())
                        .GET();
                if (manifest) {
                    request.header("Accept", String.join(", ", Manifests.ACCEPTED));
                }
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<InputStream> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException e) {
                    if (attempt < options.attempts()) {
                        sleep(backoff(attempt, Optional.empty()));
                        continue;
                    }
                    throw new ImageException("cannot reach registry " + reference.registry() + " for " + reference
                            + " (" + e + ")", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ImageException(reference + ": interrupted", e);
                }
                int status = response.statusCode();
                if (status == 200) {
                    return response;
                }
                discard(response);
                if (status == 401 && !authenticated) {
                    authenticated = true;
                    authorization = authenticate(response.headers().firstValue("WWW-Authenticate").orElse(""));
                    attempt--;  // the challenge is not a failed try
                    continue;
                }
                if ((status == 429 || status >= 500) && attempt < options.attempts()) {
                    sleep(backoff(attempt, response.headers().firstValue("Retry-After")));
                    continue;
                }
                throw new ImageException(failure(status, what));
            }
        }

        private String failure(int status, String what) {
            String registry = "registry " + reference.registry();
            return switch (status) {
                case 401 -> registry + ": authentication required or refused for " + reference.repository()
                        + " (401); log in with docker login " + reference.registry() + " or check the credentials";
                case 403 -> registry + ": access to " + reference.repository() + " denied (403)";
                case 404 -> registry + ": " + what + " of " + reference.repository() + " not found (404)";
                case 429 -> registry + ": too many requests (429), still refused after " + options.attempts()
                        + " tries";
                default -> registry + ": " + what + " of " + reference.repository() + " failed with HTTP " + status
                        + (status >= 500 ? " after " + options.attempts() + " tries" : "");
            };
        }

        /** Answers a 401 challenge: a bearer token from the realm, or basic credentials. */
        private String authenticate(String challenge) throws IOException {
            Optional<RegistryCredentials.Credential> credential = options.credentials()
                    .forRegistry(reference.registry());
            String lower = challenge.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("basic")) {
                if (credential.isEmpty()) {
                    throw new ImageException(failure(401, ""));
                }
                return "Basic " + credential.get().basic();
            }
            if (!lower.startsWith("bearer")) {
                throw new ImageException(failure(401, ""));
            }
            Map<String, String> params = new LinkedHashMap<>();
            Matcher m = AUTH_PARAM.matcher(challenge);
            while (m.find()) {
                params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
            }
            String realm = params.get("realm");
            if (realm == null) {
                throw new ImageException("registry " + reference.registry() + ": bearer challenge without realm");
            }
            StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
            if (params.containsKey("service")) {
                url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8))
                        .append('&');
            }
            String scope = params.getOrDefault("scope", "repository:" + reference.repository() + ":pull");
            url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
                    .timeout(options.timeout()).GET();
            credential.ifPresent(c -> request.header("Authorization", "Basic " + c.basic()));
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new ImageException("registry " + reference.registry() + ": token service " + realm
                            + " refused " + (credential.isPresent() ? "the credentials" : "anonymous access")
                            + " for " + reference.repository() + " (HTTP " + response.statusCode() + ")");
                }
                JsonNode token = Manifests.parse(response.body(), "token from " + realm);
                String value = token.path("token").asString(token.path("access_token").asString(""));
                if (value.isEmpty()) {
                    throw new ImageException("registry " + reference.registry() + ": token service " + realm
                            + " answered without a token");
                }
                return "Bearer " + value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImageException(reference + ": interrupted", e);
            }
        }
    }

    /** Docker Hub's API lives at registry-1.docker.io. */
    static String apiHost(String registry) {
        return registry.equals(ImageRef.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** Loopback registries are spoken to over plain HTTP, as Docker does. */
    static boolean loopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
                : registry.split(":")[0];
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private Duration backoff(int attempt, Optional<String> retryAfter) {
        if (retryAfter.isPresent()) {
            try {
                Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.get().trim()));
                return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to our own backoff
            }
        }
        return options.firstBackoff().multipliedBy(1L << (attempt - 1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while waiting to retry", e);
        }
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.readNBytes(1 << 16);
        } catch (IOException ignored) {
            // the body of an error response is not needed
        }
    }
}
