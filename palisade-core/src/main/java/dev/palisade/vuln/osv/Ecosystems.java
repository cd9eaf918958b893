package dev.palisade.vuln.osv;

import java.util.Locale;
import java.util.regex.Pattern;

/** OSV ecosystem names, and how package names are keyed. */
public final class Ecosystems {

    public static final String DEBIAN = "Debian";
    public static final String ALPINE = "Alpine";
    public static final String MAVEN = "Maven";
    public static final String NPM = "npm";
    public static final String PYPI = "PyPI";
    public static final String GO = "Go";

    private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");

    private Ecosystems() {
    }

    /** The ecosystem without its release: {@code Debian:11} → {@code Debian}. */
    public static String family(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }

    /**
     * The name under which a package is looked up: PyPI names normalised as PEP 503 says (lowercase, runs of
     * {@code -_.} as one {@code -}); every other ecosystem's names as written.
     */
    public static String packageKey(String ecosystem, String name) {
        String key = family(ecosystem).equals(PYPI)
                ? PYPI_SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-") : name;
        return ecosystem + '\u0000' + key;
    }
}
