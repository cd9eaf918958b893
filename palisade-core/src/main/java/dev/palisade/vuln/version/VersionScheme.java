package dev.palisade.vuln.version;

import java.util.function.Function;

/**
 * How one ecosystem writes and orders versions. {@link #parse} reports a version the scheme does not accept
 * with an {@link InvalidVersionException} naming the scheme, the text and the reason; {@link #compare} returns
 * the sign of the comparison.
 */
public enum VersionScheme {
    /** Debian and Ubuntu packages ({@code dpkg --compare-versions}). */
    DPKG("dpkg", DpkgVersion::parse),
    /** Alpine packages (apk-tools). */
    APK("apk", ApkVersion::parse),
    /** RPM packages (rpmvercmp on epoch, version, release). */
    RPM("rpm", RpmVersion::parse),
    /** Maven artifacts (maven-artifact 3.8.6 ComparableVersion). */
    MAVEN("Maven", MavenVersion::parse),
    /** npm packages (node-semver). */
    NPM("npm", NpmVersion::parse),
    /** Python packages (PEP 440, legacy versions below every PEP 440 one). */
    PYPI("PyPI", Pep440Version::parseOrLegacy),
    /** Go modules (golang.org/x/mod/semver). */
    GO("Go", GoVersion::parse) {
        @Override
        public int compare(String a, String b) {
            return GoVersion.compare(a, b);
        }
    },
    /** OSV's {@code SEMVER} range type, read leniently. */
    SEMVER("SemVer", LenientSemver::parse);

    private final String label;
    private final Function<String, ? extends Version> parser;

    VersionScheme(String label, Function<String, ? extends Version> parser) {
        this.label = label;
        this.parser = parser;
    }

    /** Human-readable name, e.g. {@code dpkg}. */
    public String label() {
        return label;
    }

    /** Parses {@code text}; throws {@link InvalidVersionException} when the scheme does not accept it. */
    public Version parse(String text) {
        return parser.apply(text);
    }

    /** The sign of comparing {@code a} with {@code b}: -1, 0 or 1. */
    public int compare(String a, String b) {
        return Integer.signum(parse(a).compareTo(parse(b)));
    }
}
