package dev.palisade.vuln.version;

/**
 * A Go module version, with golang.org/x/mod/semver's rules: a leading {@code v}, {@code vMAJOR[.MINOR[.PATCH]]}
 * (the short forms only without pre-release or build), no leading zeros, build metadata ignored. In
 * {@link #compare(String, String)} invalid versions are equal to each other and below every valid one, as
 * {@code semver.Compare} has it; {@link #parse} rejects them.
 *
 * @param prerelease with its leading {@code -}, or empty
 * @param build with its leading {@code +}, or empty
 */
public record GoVersion(String text, String major, String minor, String patch, String prerelease,
                        String build) implements Version {

    public static GoVersion parse(String text) {
        GoVersion version = tryParse(text);
        if (version == null) {
            throw new InvalidVersionException("Go module", text,
                    "expected vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]] without leading zeros");
        }
        return version;
    }

    /** semver.Compare: invalid versions equal each other and sort below valid ones. */
    public static int compare(String a, String b) {
        GoVersion x = tryParse(a);
        GoVersion y = tryParse(b);
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        return x.compareTo(y);
    }

    /** semver.Canonical: {@code vMAJOR.MINOR.PATCH[-PRERELEASE]}, build dropped. */
    public String canonical() {
        return "v" + major + "." + minor + "." + patch + prerelease;
    }

    @Override
    public int compareTo(Version other) {
        GoVersion that = (GoVersion) other;
        int result = Ascii.compareNumeric(major, that.major);
        if (result == 0) {
            result = Ascii.compareNumeric(minor, that.minor);
        }
        if (result == 0) {
            result = Ascii.compareNumeric(patch, that.patch);
        }
        return result != 0 ? result : Semver.comparePrerelease(prerelease, that.prerelease);
    }

    private static GoVersion tryParse(String text) {
        if (text.isEmpty() || text.charAt(0) != 'v') {
            return null;
        }
        Cursor c = new Cursor(text, 1);
        String major = c.number();
        if (major == null) {
            return null;
        }
        if (c.atEnd()) {
            return new GoVersion(text, major, "0", "0", "", "");
        }
        String minor = c.skip('.') ? c.number() : null;
        if (minor == null) {
            return null;
        }
        if (c.atEnd()) {
            return new GoVersion(text, major, minor, "0", "", "");
        }
        String patch = c.skip('.') ? c.number() : null;
        if (patch == null) {
            return null;
        }
        String prerelease = c.peek('-') ? c.identifiers(true) : "";
        String build = c.peek('+') ? c.identifiers(false) : "";
        if (prerelease == null || build == null || !c.atEnd()) {
            return null;
        }
        return new GoVersion(text, major, minor, patch, prerelease, build);
    }

    /** Reads x/mod's grammar left to right; every method returns null where x/mod fails. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text, int position) {
            this.text = text;
            this.position = position;
        }

        boolean atEnd() {
            return position == text.length();
        }

        boolean peek(char c) {
            return position < text.length() && text.charAt(position) == c;
        }

        boolean skip(char c) {
            if (peek(c)) {
                position++;
                return true;
            }
            return false;
        }

        String number() {
            int start = position;
            while (position < text.length() && Ascii.isDigit(text.charAt(position))) {
                position++;
            }
            String digits = text.substring(start, position);
            return digits.isEmpty() || (digits.charAt(0) == '0' && digits.length() > 1) ? null : digits;
        }

        /** A {@code -} or {@code +} and dot-separated identifiers, up to {@code +} for a pre-release. */
        String identifiers(boolean prerelease) {
            int start = position;
            position++;
            int identifierStart = position;
            while (position < text.length() && !(prerelease && text.charAt(position) == '+')) {
                char c = text.charAt(position);
                if (c == '.') {
                    if (!goodIdentifier(text.substring(identifierStart, position), prerelease)) {
                        return null;
                    }
                    identifierStart = position + 1;
                } else if (!Ascii.isAlphanumeric(c) && c != '-') {
                    return null;
                }
                position++;
            }
            if (!goodIdentifier(text.substring(identifierStart, position), prerelease)) {
                return null;
            }
            return text.substring(start, position);
        }

        private static boolean goodIdentifier(String identifier, boolean prerelease) {
            boolean badNumber = Ascii.isDigits(identifier) && identifier.length() > 1 && identifier.charAt(0) == '0';
            return !identifier.isEmpty() && !(prerelease && badNumber);
        }
    }
}
