package dev.palisade.image.source;

import dev.palisade.inventory.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Registry credentials from Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}): {@code auths} entries, and {@code credHelpers} / {@code credsStore} helpers
 * ({@code docker-credential-NAME get}) when the helper is installed. Secrets are kept in memory only for the
 * requests that need them and never printed.
 */
public final class RegistryCredentials {

    /** A user name and password or token. */
    public record Credential(String username, String secret) {

        public String basic() {
            return Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credential[" + username + ", ***]";
        }
    }

    private static final RegistryCredentials NONE = new RegistryCredentials(null, "");
    private final JsonNode config;
    /** The PATH helpers are looked up in. */
    private final String path;

    private RegistryCredentials(JsonNode config, String path) {
        this.config = config;
        this.path = path;
    }

    public static RegistryCredentials none() {
        return NONE;
    }

    /** Reads {@code config.json} from {@code DOCKER_CONFIG} or the home directory; none when it is absent. */
    public static RegistryCredentials load(Map<String, String> env, Path home) {
        String dir = env.get("DOCKER_CONFIG");
        Path file = (dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".docker")).resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            return new RegistryCredentials(Manifests.parse(Files.readAllBytes(file), file.toString()),
                    env.getOrDefault("PATH", ""));
        } catch (IOException | RuntimeException e) {
            return NONE;  // an unreadable Docker config means anonymous access, as with no config
        }
    }

    /** The credential for {@code registry} (host[:port] as {@link ImageRef} normalises it), if any. */
    public Optional<Credential> forRegistry(String registry) {
        if (config == null) {
            return Optional.empty();
        }
        String helper = matching(config.path("credHelpers"), registry).map(n -> n.asString("")).orElse("");
        if (helper.isEmpty()) {
            Optional<Credential> inline = matching(config.path("auths"), registry).flatMap(RegistryCredentials::inline);
            if (inline.isPresent()) {
                return inline;
            }
            helper = config.path("credsStore").asString("");
        }
        return helper.isEmpty() ? Optional.empty() : fromHelper(helper, registry, path);
    }

    private static Optional<JsonNode> matching(JsonNode entries, String registry) {
        for (Map.Entry<String, JsonNode> e : entries.properties()) {
            String key = e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            boolean hub = registry.equals(ImageRef.DOCKER_HUB) && (key.equals("index.docker.io")
                    || key.equals("registry-1.docker.io"));
            if (key.equals(registry) || hub) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<Credential> inline(JsonNode entry) {
        String auth = entry.path("auth").asString("");
        if (!auth.isEmpty()) {
            String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return Optional.of(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)));
            }
        }
        String user = entry.path("username").asString("");
        return user.isEmpty() ? Optional.empty()
                : Optional.of(new Credential(user, entry.path("password").asString("")));
    }

    /** Asks {@code docker-credential-HELPER get}; nothing when the helper is not installed or has no entry. */
    private static Optional<Credential> fromHelper(String helper, String registry, String path) {
        String server = registry.equals(ImageRef.DOCKER_HUB) ? "https://index.docker.io/v1/" : registry;
        if (!helper.matches("[A-Za-z0-9_.-]+")) {
            return Optional.empty();
        }
        Optional<Path> binary = java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "docker-credential-" + helper))
                .filter(Files::isExecutable).findFirst();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(binary.get().toString(), "get")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(server.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readNBytes(1 << 16);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            JsonNode answer = Manifests.parse(out, "docker-credential-" + helper);
            String user = answer.path("Username").asString("");
            String secret = answer.path("Secret").asString("");
            return secret.isEmpty() ? Optional.empty() : Optional.of(new Credential(user, secret));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();  // helper not installed or not answering: anonymous access
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
