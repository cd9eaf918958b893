package dev.palisade.vuln.version;

/**
 * An RPM version, {@code [epoch:]version[-release]}, each part compared by rpmvercmp (alphanumeric segments,
 * {@code ~} before everything, {@code ^} after the end). A missing epoch is 0; a missing release sorts before
 * any release, as in OSV's Red Hat comparison. Text before a colon that is not a number is not an epoch.
 */
public record RpmVersion(String text, String epoch, String version, String release) implements Version {

    public static RpmVersion parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidVersionException("rpm", text, "empty");
        }
        int colon = text.indexOf(':');
        String epoch = "0";
        String rest = text;
        if (colon >= 0 && Ascii.isDigits(text.substring(0, colon))) {
            epoch = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        int hyphen = rest.indexOf('-');
        if (hyphen < 0) {
            return new RpmVersion(text, epoch, rest, null);
        }
        return new RpmVersion(text, epoch, rest.substring(0, hyphen), rest.substring(hyphen + 1));
    }

    @Override
    public int compareTo(Version other) {
        RpmVersion that = (RpmVersion) other;
        int result = rpmvercmp(epoch, that.epoch);
        if (result == 0) {
            result = rpmvercmp(version, that.version);
        }
        if (result == 0 && (release != null || that.release != null)) {
            result = release == null ? -1 : that.release == null ? 1 : rpmvercmp(release, that.release);
        }
        return result;
    }

    private static boolean separator(char c) {
        return !Ascii.isAlphanumeric(c) && c != '~' && c != '^';
    }

    /** rpm's rpmvercmp. */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && separator(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && separator(b.charAt(j))) {
                j++;
            }
            boolean aTilde = i < a.length() && a.charAt(i) == '~';
            boolean bTilde = j < b.length() && b.charAt(j) == '~';
            if (aTilde || bTilde) {
                if (!bTilde) {
                    return -1;
                }
                if (!aTilde) {
                    return 1;
                }
                i++;
                j++;
                continue;
            }
            boolean aCaret = i < a.length() && a.charAt(i) == '^';
            boolean bCaret = j < b.length() && b.charAt(j) == '^';
            if (aCaret || bCaret) {
                if (i == a.length()) {
                    return -1;
                }
                if (j == b.length()) {
                    return 1;
                }
                if (!bCaret) {
                    return -1;
                }
                if (!aCaret) {
                    return 1;
                }
                i++;
                j++;
                continue;
            }
            if (i == a.length() || j == b.length()) {
                break;
            }
            boolean numeric = Ascii.isDigit(a.charAt(i));
            int aEnd = segmentEnd(a, i, numeric);
            int bEnd = segmentEnd(b, j, numeric);
            if (bEnd == j) {
                return numeric ? 1 : -1;
            }
            String x = a.substring(i, aEnd);
            String y = b.substring(j, bEnd);
            int result = numeric ? Ascii.compareNumeric(x, y) : Integer.signum(x.compareTo(y));
            if (result != 0) {
                return result;
            }
            i = aEnd;
            j = bEnd;
        }
        if (i == a.length() && j == b.length()) {
            return 0;
        }
        return i == a.length() ? -1 : 1;
    }

    private static int segmentEnd(String s, int start, boolean numeric) {
        int end = start;
        while (end < s.length() && (numeric ? Ascii.isDigit(s.charAt(end)) : Ascii.isLetter(s.charAt(end)))) {
            end++;
        }
        return end;
    }
}
