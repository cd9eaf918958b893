package dev.palisade.inventory;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, normalised the way container runtimes do it: the default registry is
 * {@code docker.io}, one-segment Docker Hub names get {@code library/}, the first segment is a registry
 * host when it contains a dot or a colon or is {@code localhost}, and a reference with neither tag nor
 * digest means {@code :latest}.
 *
 * @param original   the reference exactly as written in the pod spec
 * @param registry   registry host (with port when one was given), lowercased, e.g. {@code docker.io}
 * @param repository repository path, e.g. {@code library/nginx}
 * @param tag        the tag; {@code latest} when neither tag nor digest was given; null with a digest only
 * @param digest     {@code sha256:...} or null
 * @param tagImplied true when the tag {@code latest} was implied, not written
 */
public record ImageRef(String original, String registry, String repository, String tag, String digest,
                       boolean tagImplied) {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");

    /**
     * Parses a reference; fails with a message saying what is wrong when the reference is not one a
     * container runtime would accept.
     */
    public static ImageRef parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        String rest = reference.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("invalid digest '" + digest + "' in image reference '" + reference + "'");
            }
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid tag '" + tag + "' in image reference '" + reference + "'");
            }
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int firstSlash = rest.indexOf('/');
        if (firstSlash > 0) {
            String first = rest.substring(0, firstSlash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                path = rest.substring(firstSlash + 1);
            }
        }
        registry = registry.toLowerCase(Locale.ROOT); // DNS names are case-insensitive
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (!REPOSITORY.matcher(path).matches()) {
            String hint = path.equals(path.toLowerCase(Locale.ROOT)) ? "" : " (repository names must be lowercase)";
            throw new IllegalArgumentException("invalid repository '" + path + "' in image reference '" + reference + "'" + hint);
        }
        boolean implied = tag == null && digest == null;
        if (implied) {
            tag = "latest";
        }
        return new ImageRef(reference, registry, path, tag, digest, implied);
    }

    /** Parses, or returns empty for a reference no runtime would pull. */
    public static Optional<ImageRef> tryParse(String reference) {
        try {
            return Optional.of(parse(reference));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code docker.io/library/nginx} */
    public String name() {
        return registry + "/" + repository;
    }

    /** The fully qualified reference: {@code docker.io/library/nginx:1.27@sha256:...}. */
    public String fullReference() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** True when the image is not pinned: tag {@code latest} (written or implied) and no digest. */
    public boolean mutableLatest() {
        return digest == null && "latest".equals(tag);
    }

    public boolean pinnedByDigest() {
        return digest != null;
    }

    @Override
    public String toString() {
        return fullReference();
    }
}
