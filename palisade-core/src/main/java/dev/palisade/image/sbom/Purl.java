package dev.palisade.image.sbom;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed package URL: {@code pkg:type/namespace/name@version?qualifiers#subpath}.
 *
 * @param type       e.g. {@code deb}
 * @param namespace  e.g. {@code debian}, {@code org.apache.commons}, {@code @babel}; null when none
 * @param name       the package name
 * @param version    the version, or null
 * @param qualifiers e.g. {@code arch}, {@code distro}, {@code epoch}
 */
public record Purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {

    public static Purl parse(String text) {
        if (text == null || !text.startsWith("pkg:")) {
            throw new IllegalArgumentException("'" + text + "' is not a package URL");
        }
        String rest = text.substring(4);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        Map<String, String> qualifiers = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    qualifiers.put(pair.substring(0, eq).toLowerCase(java.util.Locale.ROOT),
                            decode(pair.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, question);
        }
        String version = null;
        int at = rest.lastIndexOf('@');
        if (at > rest.lastIndexOf('/')) {
            version = decode(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("'" + text + "' has no type");
        }
        String type = rest.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
        String path = rest.substring(slash + 1);
        int last = path.lastIndexOf('/');
        String namespace = last < 0 ? null : decode(path.substring(0, last));
        return new Purl(type, namespace, decode(path.substring(last + 1)), version, qualifiers);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
