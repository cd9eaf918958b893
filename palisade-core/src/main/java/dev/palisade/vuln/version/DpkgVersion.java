package dev.palisade.vuln.version;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, compared as {@code dpkg --compare-versions} does.
 * Parsing rejects what dpkg rejects (bad epoch, empty upstream or revision) and what Debian policy forbids
 * (upstream not starting with a digit, characters outside {@code [A-Za-z0-9.+~-:]}); {@code _} is accepted in
 * the revision as Trivy's go-deb-version accepts it ({@code 4.el6.x86_64}).
 */
public record DpkgVersion(String text, long epoch, String upstream, String revision) implements Version {

    private static final String SCHEME = "dpkg";

    public static DpkgVersion parse(String text) {
        String version = text.strip();
        if (version.isEmpty()) {
            throw new InvalidVersionException(SCHEME, text, "empty");
        }
        if (version.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidVersionException(SCHEME, text, "embedded whitespace");
        }
        long epoch = 0;
        int colon = version.indexOf(':');
        if (colon >= 0) {
            String epochText = version.substring(0, colon);
            if (epochText.isEmpty() || !epochText.chars().allMatch(Ascii::isDigit) || epochText.length() > 9) {
                throw new InvalidVersionException(SCHEME, text, "epoch '" + epochText + "' is not a number");
            }
            epoch = Long.parseLong(epochText);
        }
        String rest = version.substring(colon + 1);
        int hyphen = rest.lastIndexOf('-');
        String upstream = hyphen < 0 ? rest : rest.substring(0, hyphen);
        String revision = hyphen < 0 ? "" : rest.substring(hyphen + 1);
        if (upstream.isEmpty()) {
            throw new InvalidVersionException(SCHEME, text, "empty upstream version");
        }
        if (hyphen >= 0 && revision.isEmpty()) {
            throw new InvalidVersionException(SCHEME, text, "empty revision");
        }
        if (!Ascii.isDigit(upstream.charAt(0))) {
            throw new InvalidVersionException(SCHEME, text, "upstream version does not start with a digit");
        }
        if (!upstream.chars().allMatch(c -> Ascii.isAlphanumeric(c) || ".+~-:".indexOf(c) >= 0)) {
            throw new InvalidVersionException(SCHEME, text, "invalid character in upstream version");
        }
        if (!revision.chars().allMatch(c -> Ascii.isAlphanumeric(c) || ".+~_".indexOf(c) >= 0)) {
            throw new InvalidVersionException(SCHEME, text, "invalid character in revision");
        }
        return new DpkgVersion(text, epoch, upstream, revision);
    }

    @Override
    public int compareTo(Version other) {
        DpkgVersion that = (DpkgVersion) other;
        int byEpoch = Long.compare(epoch, that.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = compareParts(upstream, that.upstream);
        return byUpstream != 0 ? byUpstream : compareParts(revision, that.revision);
    }

    /** dpkg's verrevcmp: alternating non-digit parts (by {@link #order}) and numeric parts. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !Ascii.isDigit(a.charAt(i))) || (j < b.length() && !Ascii.isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDifference = 0;
            while (i < a.length() && j < b.length() && Ascii.isDigit(a.charAt(i)) && Ascii.isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Ascii.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Ascii.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return Integer.signum(firstDifference);
            }
        }
        return 0;
    }

    /** '~' sorts before everything, even the end of the part; letters before other characters. */
    private static int order(String s, int index) {
        if (index >= s.length()) {
            return 0;
        }
        char c = s.charAt(index);
        if (Ascii.isDigit(c)) {
            return 0;
        }
        if (Ascii.isLetter(c)) {
            return c;
        }
        return c == '~' ? -1 : c + 256;
    }
}
