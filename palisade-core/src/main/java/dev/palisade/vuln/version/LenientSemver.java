package dev.palisade.vuln.version;

import java.util.ArrayList;
import java.util.List;

/**
 * A version for OSV's {@code SEMVER} range type, read leniently as OSV's reference implementation does: an
 * optional leading {@code v}, any number of dot-separated numbers, then everything from the first other
 * character on as the pre-release (a leading {@code -} dropped) with {@code +build} ignored. Numbers compare
 * numerically (missing ones are 0); a version with a pre-release sorts below the same numbers without.
 */
public record LenientSemver(String text, List<String> numbers, String prerelease) implements Version {

    public LenientSemver {
        numbers = List.copyOf(numbers);
    }

    public static LenientSemver parse(String text) {
        String rest = text.startsWith("v") ? text.substring(1) : text;
        List<String> numbers = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            int start = i;
            while (i < rest.length() && Ascii.isDigit(rest.charAt(i))) {
                i++;
            }
            if (i > start) {
                numbers.add(rest.substring(start, i));
            }
            if (i < rest.length() && rest.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        if (numbers.isEmpty()) {
            throw new InvalidVersionException("SemVer", text, "no version number");
        }
        String prerelease = rest.substring(i);
        int plus = prerelease.indexOf('+');
        prerelease = plus < 0 ? prerelease : prerelease.substring(0, plus);
        prerelease = prerelease.startsWith("-") ? prerelease.substring(1) : prerelease;
        return new LenientSemver(text, numbers, prerelease);
    }

    @Override
    public int compareTo(Version other) {
        LenientSemver that = (LenientSemver) other;
        for (int i = 0; i < Math.max(numbers.size(), that.numbers.size()); i++) {
            int result = Ascii.compareNumeric(i < numbers.size() ? numbers.get(i) : "0",
                    i < that.numbers.size() ? that.numbers.get(i) : "0");
            if (result != 0) {
                return result;
            }
        }
        if (prerelease.isEmpty() || that.prerelease.isEmpty()) {
            return prerelease.isEmpty() ? (that.prerelease.isEmpty() ? 0 : 1) : -1;
        }
        return Semver.compareIdentifiers(Semver.identifiers(prerelease), Semver.identifiers(that.prerelease));
    }
}
