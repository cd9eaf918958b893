package dev.palisade.vuln.version;

/** ASCII character classes: version grammars are ASCII, and {@link Character#isDigit} accepts other scripts. */
final class Ascii {

    private Ascii() {
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAlphanumeric(int c) {
        return isDigit(c) || isLetter(c);
    }

    static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Ascii::isDigit);
    }

    /** Compares two digit strings numerically, whatever their length (leading zeros ignored). */
    static int compareNumeric(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        if (x.length() != y.length()) {
            return x.length() < y.length() ? -1 : 1;
        }
        return Integer.signum(x.compareTo(y));
    }

    static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
