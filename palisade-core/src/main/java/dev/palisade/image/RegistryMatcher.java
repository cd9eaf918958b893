package dev.palisade.image;

import dev.palisade.inventory.ImageRef;
import java.util.List;
import java.util.Locale;

/**
 * Matches images against a list of trusted registries. An entry is a registry host ({@code quay.io}), a
 * host with a repository prefix ({@code docker.io/library}), or a wildcard for subdomains
 * ({@code *.corp.example}). Hosts compare case-insensitively; Docker Hub's aliases are one registry.
 */
public final class RegistryMatcher {

    private final List<String> entries;

    public RegistryMatcher(List<String> entries) {
        this.entries = entries.stream().map(RegistryMatcher::normalise).filter(e -> !e.isEmpty()).toList();
    }

    private static String normalise(String entry) {
        String value = entry.trim().toLowerCase(Locale.ROOT);
        value = value.replaceFirst("^https?://", "");
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        for (String alias : List.of("index.docker.io", "registry-1.docker.io")) {
            if (value.equals(alias) || value.startsWith(alias + "/")) {
                value = ImageRef.DOCKER_HUB + value.substring(alias.length());
            }
        }
        return value;
    }

    public boolean configured() {
        return !entries.isEmpty();
    }

    public boolean matches(ImageRef image) {
        String name = image.registry().toLowerCase(Locale.ROOT) + "/" + image.repository();
        return entries.stream().anyMatch(entry -> hostMatches(entry, image.registry())
                || (!isWildcard(entry) && (name.equals(entry) || name.startsWith(entry + "/"))));
    }

    private static boolean isWildcard(String entry) {
        return entry.startsWith("*.");
    }

    private static boolean hostMatches(String entry, String registry) {
        String host = registry.toLowerCase(Locale.ROOT);
        if (isWildcard(entry)) {
            return host.endsWith(entry.substring(1));
        }
        return host.equals(entry);
    }
}
