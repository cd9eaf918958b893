package dev.palisade.vuln.version;

import java.util.Arrays;
import java.util.List;

/** SemVer 2.0 pre-release precedence, shared by the semver-shaped schemes. */
final class Semver {

    private Semver() {
    }

    /**
     * Compares pre-releases written with their leading {@code -} (or empty for none): none above any;
     * identifier by identifier, numeric ones numerically and below alphanumeric ones; a longer list above its
     * prefix.
     */
    static int comparePrerelease(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? (b.isEmpty() ? 0 : 1) : -1;
        }
        return compareIdentifiers(identifiers(a.substring(1)), identifiers(b.substring(1)));
    }

    static List<String> identifiers(String dotted) {
        return Arrays.asList(dotted.split("\\.", -1));
    }

    static int compareIdentifiers(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean xNumber = Ascii.isDigits(x);
            boolean yNumber = Ascii.isDigits(y);
            int result = xNumber && yNumber ? Ascii.compareNumeric(x, y)
                    : xNumber != yNumber ? (xNumber ? -1 : 1) : Integer.signum(x.compareTo(y));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
