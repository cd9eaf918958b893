package dev.palisade.vuln.version;

import java.util.List;
import java.util.regex.Matcher;

/**
 * An npm package version, parsed and compared as node-semver does ({@code new SemVer(v, {loose})},
 * {@code compare}): {@code [v]MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, surrounding whitespace ignored, numbers
 * at most 2^53-1, build metadata ignored in comparisons. Loose parsing also accepts leading {@code =},
 * whitespace after {@code v}, leading zeros and a pre-release without its {@code -}.
 */
public record NpmVersion(String text, long major, long minor, long patch, List<String> prerelease, List<String> build)
        implements Version {

    static final long MAX_SAFE_INTEGER = 9007199254740991L;
    private static final int MAX_LENGTH = 256;

    public NpmVersion {
        prerelease = List.copyOf(prerelease);
        build = List.copyOf(build);
    }

    /** Strict parsing, as npm itself uses for installed versions. */
    public static NpmVersion parse(String text) {
        return parse(text, false);
    }

    public static NpmVersion parse(String text, boolean loose) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException("npm", text, "longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = (loose ? NpmPatterns.LOOSE : NpmPatterns.FULL).matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidVersionException("npm", text, "not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
        }
        return new NpmVersion(text, number(text, m.group(1)), number(text, m.group(2)), number(text, m.group(3)),
                m.group(4) == null ? List.of() : Semver.identifiers(m.group(4)),
                m.group(5) == null ? List.of() : Semver.identifiers(m.group(5)));
    }

    private static long number(String text, String digits) {
        if (digits.length() > 16 || Long.parseLong(digits) > MAX_SAFE_INTEGER) {
            throw new InvalidVersionException("npm", text, "number " + digits + " is too large");
        }
        return Long.parseLong(digits);
    }

    /** True when the version has a pre-release part. */
    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** Same major, minor and patch. */
    boolean sameRelease(NpmVersion other) {
        return major == other.major && minor == other.minor && patch == other.patch;
    }

    @Override
    public int compareTo(Version other) {
        NpmVersion that = (NpmVersion) other;
        int result = Long.compare(major, that.major);
        if (result == 0) {
            result = Long.compare(minor, that.minor);
        }
        if (result == 0) {
            result = Long.compare(patch, that.patch);
        }
        if (result != 0) {
            return Integer.signum(result);
        }
        if (prerelease.isEmpty() || that.prerelease.isEmpty()) {
            return prerelease.isEmpty() ? (that.prerelease.isEmpty() ? 0 : 1) : -1;
        }
        return Semver.compareIdentifiers(prerelease, that.prerelease);
    }

    /** node-semver's formatted version: numbers and pre-release, no build. */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + String.join(".", prerelease));
    }
}
