package dev.palisade.vuln.version;

/**
 * A parsed version of one {@link VersionScheme}. Versions of the same scheme compare by that ecosystem's rules;
 * comparing versions of different schemes is a programming error ({@link ClassCastException}).
 */
public sealed interface Version extends Comparable<Version>
        permits DpkgVersion, ApkVersion, RpmVersion, MavenVersion, NpmVersion, Pep440Version, GoVersion,
        LenientSemver {

    /** The text the version was parsed from. */
    String text();
}
