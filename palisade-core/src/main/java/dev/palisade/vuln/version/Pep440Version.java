package dev.palisade.vuln.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python package version (PEP 440), compared and normalised as pypa/packaging does.
 *
 * <p>{@link #parse} accepts only PEP 440. {@link #parseOrLegacy} also accepts the pre-PEP 440 versions that
 * old releases on PyPI still carry (packaging before 22 called them {@code LegacyVersion}): they sort below
 * every PEP 440 version and among themselves by setuptools' legacy key. Advisory data uses them, so the
 * {@link VersionScheme#PYPI} scheme does too.
 */
public record Pep440Version(String text, BigInteger epoch, List<BigInteger> release, Letter pre, BigInteger post,
                            BigInteger dev, List<String> local, List<String> legacyKey) implements Version {

    private static final String SCHEME = "PEP 440";
    private static final Pattern PEP440 = Pattern.compile("^\\s*v?(?:(?:(?<epoch>[0-9]+)!)?"
            + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
            + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
            + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
            + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?)"
            + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEGACY_PART = Pattern.compile("(\\d+|[a-z]+|\\.|-)");

    /** A pre-release phase and number: {@code a}, {@code b} or {@code rc}. */
    public record Letter(String phase, BigInteger number) {
    }

    public Pep440Version {
        release = List.copyOf(release);
        local = List.copyOf(local);
        legacyKey = List.copyOf(legacyKey);
    }

    /** Parses a PEP 440 version; anything else is invalid. */
    public static Pep440Version parse(String text) {
        Matcher m = PEP440.matcher(text);
        if (!m.matches()) {
            throw new InvalidVersionException(SCHEME, text, "not a PEP 440 version");
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        Letter pre = m.group("prel") == null ? null : new Letter(prePhase(m.group("prel").toLowerCase(Locale.ROOT)),
                number(m.group("pren")));
        BigInteger post = null;
        if (m.group("postn1") != null) {
            post = new BigInteger(m.group("postn1"));
        } else if (m.group("postl") != null) {
            post = number(m.group("postn2"));
        }
        BigInteger dev = m.group("devl") == null ? null : number(m.group("devn"));
        List<String> local = new ArrayList<>();
        if (m.group("local") != null) {
            for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
                local.add(Ascii.isDigits(part) ? Ascii.stripLeadingZeros(part) : part);
            }
        }
        return new Pep440Version(text, epoch, release, pre, post, dev, local, List.of());
    }

    /** Parses PEP 440, falling back to a legacy version for anything else. */
    public static Pep440Version parseOrLegacy(String text) {
        try {
            return parse(text);
        } catch (InvalidVersionException e) {
            return new Pep440Version(text, null, List.of(), null, null, null, List.of(), legacyKey(text));
        }
    }

    private static String prePhase(String letter) {
        return switch (letter) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
        };
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    /** True for a version that is not PEP 440 (only from {@link #parseOrLegacy}). */
    public boolean legacy() {
        return epoch == null;
    }

    /** The normalised form, e.g. {@code 1.0-ALPHA1} → {@code 1.0a1}. */
    public String normalized() {
        if (legacy()) {
            return text;
        }
        StringBuilder s = new StringBuilder();
        if (epoch.signum() != 0) {
            s.append(epoch).append('!');
        }
        s.append(String.join(".", release.stream().map(BigInteger::toString).toList()));
        if (pre != null) {
            s.append(pre.phase()).append(pre.number());
        }
        if (post != null) {
            s.append(".post").append(post);
        }
        if (dev != null) {
            s.append(".dev").append(dev);
        }
        if (!local.isEmpty()) {
            s.append('+').append(String.join(".", local));
        }
        return s.toString();
    }

    @Override
    public int compareTo(Version other) {
        Pep440Version that = (Pep440Version) other;
        if (legacy() || that.legacy()) {
            return legacy() && that.legacy() ? compareLegacy(legacyKey, that.legacyKey) : legacy() ? -1 : 1;
        }
        int result = epoch.compareTo(that.epoch);
        if (result == 0) {
            result = compareRelease(that);
        }
        if (result == 0) {
            result = Integer.compare(preRank(), that.preRank());
        }
        if (result == 0 && pre != null && that.pre != null) {
            result = pre.phase().compareTo(that.pre.phase());
            result = result != 0 ? result : pre.number().compareTo(that.pre.number());
        }
        if (result == 0) {
            result = compareOptional(post, that.post, -1);
        }
        if (result == 0) {
            result = compareOptional(dev, that.dev, 1);
        }
        if (result == 0) {
            result = compareLocal(that);
        }
        return Integer.signum(result);
    }

    private int compareRelease(Pep440Version that) {
        for (int i = 0; i < Math.max(release.size(), that.release.size()); i++) {
            BigInteger a = i < release.size() ? release.get(i) : BigInteger.ZERO;
            BigInteger b = i < that.release.size() ? that.release.get(i) : BigInteger.ZERO;
            int result = a.compareTo(b);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** A bare dev release sorts before every pre-release of its release; a final release after them. */
    private int preRank() {
        if (pre == null && post == null && dev != null) {
            return -1;
        }
        return pre == null ? 1 : 0;
    }

    /** Compares optional numbers; {@code absent} is the sign of an absent one against a present one. */
    private static int compareOptional(BigInteger a, BigInteger b, int absent) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : absent) : -absent;
        }
        return a.compareTo(b);
    }

    /** Numeric parts above alphanumeric ones; a longer local version above its prefix. */
    private int compareLocal(Pep440Version that) {
        for (int i = 0; i < Math.min(local.size(), that.local.size()); i++) {
            String a = local.get(i);
            String b = that.local.get(i);
            boolean aNumber = Ascii.isDigits(a);
            boolean bNumber = Ascii.isDigits(b);
            int result = aNumber && bNumber ? Ascii.compareNumeric(a, b)
                    : aNumber != bNumber ? (aNumber ? 1 : -1) : a.compareTo(b);
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(local.size(), that.local.size());
    }

    /** setuptools' legacy sort key (packaging's {@code _legacy_cmpkey}). */
    private static List<String> legacyKey(String text) {
        List<String> parts = new ArrayList<>();
        for (String raw : splitKeepingSeparators(text.toLowerCase(Locale.ROOT))) {
            String part = switch (raw) {
                case "pre", "preview", "rc" -> "c";
                case "-" -> "final-";
                case "dev" -> "@";
                default -> raw;
            };
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            part = Ascii.isDigit(part.charAt(0)) ? "0".repeat(Math.max(0, 8 - part.length())) + part : "*" + part;
            addLegacyPart(parts, part);
        }
        addLegacyPart(parts, "*final");
        return parts;
    }

    private static void addLegacyPart(List<String> parts, String part) {
        if (part.startsWith("*")) {
            if (part.compareTo("*final") < 0) {
                while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("*final-")) {
                    parts.remove(parts.size() - 1);
                }
            }
            while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("00000000")) {
                parts.remove(parts.size() - 1);
            }
        }
        parts.add(part);
    }

    /** Python's {@code re.split} with a capturing group: the separators and the text between them. */
    private static List<String> splitKeepingSeparators(String text) {
        List<String> parts = new ArrayList<>();
        Matcher m = LEGACY_PART.matcher(text);
        int last = 0;
        while (m.find()) {
            parts.add(text.substring(last, m.start()));
            parts.add(m.group());
            last = m.end();
        }
        parts.add(text.substring(last));
        return parts;
    }

    private static int compareLegacy(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int result = a.get(i).compareTo(b.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
