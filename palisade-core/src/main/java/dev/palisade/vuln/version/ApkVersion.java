package dev.palisade.vuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Alpine package version, {@code number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}}, compared as
 * apk-tools does: numbers, then the letter, then suffixes ({@code alpha < beta < pre < rc < (none) < cvs < svn
 * < git < hg < p}), then the {@code -r} build number; the commit hash is ignored.
 *
 * <p>Text apk cannot parse is kept as a {@link #remainder()}: such a version is not {@link #valid()}, and it
 * compares the way OSV's reference implementation (osv-scalibr) compares it, which is what the shared vectors
 * encode: two versions that both fail to parse compare as strings; otherwise a version with a remainder sorts
 * below an equal one without. apk-tools 3 rejects these versions outright.
 */
public record ApkVersion(String text, List<String> numbers, char letter, List<Suffix> suffixes, String buildNumber,
                         String remainder, boolean unparsable) implements Version {

    private static final Pattern NUMBERS = Pattern.compile("^\\d+(?:\\.\\d+)*");
    private static final Pattern SUFFIX = Pattern.compile("^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\\d*)");
    private static final Pattern HASH = Pattern.compile("^~[0-9a-f]+");
    private static final Pattern BUILD = Pattern.compile("^-r(\\d*)");
    private static final List<String> SUFFIX_ORDER =
            List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p");
    private static final Suffix NO_SUFFIX = new Suffix("", "0");
    private static final char NO_LETTER = 0;

    /** One {@code _suffix{number}}. */
    public record Suffix(String name, String number) {
        int compareTo(Suffix other) {
            int byName = Integer.compare(SUFFIX_ORDER.indexOf(name), SUFFIX_ORDER.indexOf(other.name));
            return byName != 0 ? byName : Ascii.compareNumeric(number, other.number);
        }
    }

    public ApkVersion {
        numbers = List.copyOf(numbers);
        suffixes = List.copyOf(suffixes);
    }

    /** Parses; never fails for non-empty text (see the class comment), {@link #valid()} tells. */
    public static ApkVersion parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidVersionException("apk", text, "empty");
        }
        String rest = text;
        List<String> numbers = new ArrayList<>();
        Matcher m = NUMBERS.matcher(rest);
        if (m.find()) {
            numbers.addAll(List.of(m.group().split("\\.")));
            rest = rest.substring(m.end());
        }
        char letter = NO_LETTER;
        if (!rest.isEmpty() && rest.charAt(0) >= 'a' && rest.charAt(0) <= 'z') {
            letter = rest.charAt(0);
            rest = rest.substring(1);
        }
        List<Suffix> suffixes = new ArrayList<>();
        for (m = SUFFIX.matcher(rest); m.find(); m = SUFFIX.matcher(rest)) {
            suffixes.add(new Suffix(m.group(1), m.group(2).isEmpty() ? "0" : m.group(2)));
            rest = rest.substring(m.end());
        }
        m = HASH.matcher(rest);
        if (m.find()) {
            rest = rest.substring(m.end());
        }
        String build = "0";
        boolean unparsable = false;
        if (!rest.isEmpty()) {
            m = BUILD.matcher(rest);
            if (m.find()) {
                build = m.group(1).isEmpty() ? "0" : m.group(1);
                rest = rest.substring(m.end());
            } else {
                unparsable = true;
            }
        }
        return new ApkVersion(text, numbers, letter, suffixes, build, rest, unparsable);
    }

    /** True when apk-tools accepts the whole text. */
    public boolean valid() {
        return remainder.isEmpty() && !numbers.isEmpty();
    }

    @Override
    public int compareTo(Version other) {
        ApkVersion that = (ApkVersion) other;
        if (unparsable && that.unparsable) {
            return Integer.signum(text.compareTo(that.text));
        }
        int result = compareNumbers(that);
        if (result == 0) {
            result = Character.compare(letter, that.letter);
        }
        for (int i = 0; result == 0 && i < Math.max(suffixes.size(), that.suffixes.size()); i++) {
            result = suffix(i).compareTo(that.suffix(i));
        }
        if (result == 0) {
            result = Ascii.compareNumeric(buildNumber, that.buildNumber);
        }
        if (result == 0) {
            result = Boolean.compare(remainder.isEmpty(), that.remainder.isEmpty());
        }
        return Integer.signum(result);
    }

    private Suffix suffix(int index) {
        return index < suffixes.size() ? suffixes.get(index) : NO_SUFFIX;
    }

    /** Numbers compare numerically, except that after the first one a leading zero makes them compare as text. */
    private int compareNumbers(ApkVersion that) {
        for (int i = 0; i < Math.max(numbers.size(), that.numbers.size()); i++) {
            String a = i < numbers.size() ? numbers.get(i) : "0";
            String b = i < that.numbers.size() ? that.numbers.get(i) : "0";
            int result = i > 0 && (a.charAt(0) == '0' || b.charAt(0) == '0')
                    ? Integer.signum(a.compareTo(b)) : Ascii.compareNumeric(a, b);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }
}
