package dev.palisade.image.source;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A registry image reference as Docker reads it: {@code [registry/]repository[:tag][@digest]}. A first segment
 * without a dot, colon or {@code localhost} is a Docker Hub repository ({@code library/} added for official
 * images).
 *
 * @param registry   host[:port], e.g. {@code registry-1.docker.io}, {@code 127.0.0.1:5000}
 * @param repository e.g. {@code library/debian}
 * @param tag        tag, or null when a digest is given without one
 * @param digest     {@code sha256:...}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "registry-1.docker.io";
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public static ImageReference parse(String text) {
        String rest = text.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digests.requireValid(rest.substring(at + 1), "image reference '" + text + "'");
            rest = rest.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("image reference '" + text + "': invalid tag '" + tag + "'");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            throw new IllegalArgumentException("image reference '" + text + "': invalid repository '" + rest + "'");
        }
        if (registry.equals("docker.io") || registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        return new ImageReference(registry.toLowerCase(Locale.ROOT), rest, tag, digest);
    }

    /** The tag or digest to ask the registry for; the digest wins. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** Loopback registries are spoken to over plain HTTP, as Docker does. */
    public boolean loopback() {
        String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1)
                : registry.split(":")[0];
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
