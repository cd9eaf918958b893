package dev.palisade.vuln.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An npm version range with node-semver's semantics ({@code new Range(r, options)}, {@code satisfies}):
 * {@code ||} alternatives of space-separated comparators, with hyphen ranges, x-ranges, tilde and caret
 * desugared exactly as node-semver desugars them. Pre-release versions satisfy a range only when a comparator
 * of the same alternative names a pre-release of the same major.minor.patch, unless {@code includePrerelease}.
 */
public final class NpmRange {

    /** One comparator; {@code version == null} is "any version". */
    record Comparator(String operator, NpmVersion version) {
        String value() {
            return version == null ? "" : operator + version;
        }

        boolean test(NpmVersion candidate) {
            if (version == null) {
                return true;
            }
            int c = candidate.compareTo(version);
            return switch (operator) {
                case "", "=", "==" -> c == 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> throw new IllegalStateException("operator " + operator);
            };
        }
    }

    private final String text;
    private final boolean loose;
    private final boolean includePrerelease;
    private final List<List<Comparator>> alternatives;

    private NpmRange(String text, boolean loose, boolean includePrerelease, List<List<Comparator>> alternatives) {
        this.text = text;
        this.loose = loose;
        this.includePrerelease = includePrerelease;
        this.alternatives = alternatives;
    }

    /** Parses with node-semver's default options. */
    public static NpmRange parse(String range) {
        return parse(range, false, false);
    }

    public static NpmRange parse(String range, boolean loose, boolean includePrerelease) {
        String raw = String.join(" ", range.strip().split("\\s+"));
        List<List<Comparator>> set = new ArrayList<>();
        NpmRange parser = new NpmRange(range, loose, includePrerelease, set);
        for (String alternative : raw.split("\\|\\|", -1)) {
            List<Comparator> comparators = parser.parseAlternative(alternative.strip());
            if (!comparators.isEmpty()) {
                set.add(comparators);
            }
        }
        if (set.isEmpty()) {
            throw new InvalidVersionException("npm range", range, "no comparators");
        }
        if (set.size() > 1) {
            List<Comparator> first = set.get(0);
            set.removeIf(comparators -> isNullSet(comparators.get(0)));
            if (set.isEmpty()) {
                set.add(first);
            } else if (set.size() > 1) {
                for (List<Comparator> comparators : set) {
                    if (comparators.size() == 1 && comparators.get(0).version() == null) {
                        set.retainAll(List.of(comparators));
                        break;
                    }
                }
            }
        }
        return new NpmRange(range, loose, includePrerelease, List.copyOf(set));
    }

    /** node-semver's satisfies(version, range): false for a version it cannot parse. */
    public boolean satisfiedBy(String version) {
        NpmVersion parsed;
        try {
            parsed = NpmVersion.parse(version, loose);
        } catch (InvalidVersionException e) {
            return false;
        }
        return satisfiedBy(parsed);
    }

    public boolean satisfiedBy(NpmVersion version) {
        for (List<Comparator> comparators : alternatives) {
            if (test(comparators, version)) {
                return true;
            }
        }
        return false;
    }

    private boolean test(List<Comparator> comparators, NpmVersion version) {
        for (Comparator comparator : comparators) {
            if (!comparator.test(version)) {
                return false;
            }
        }
        if (version.isPrerelease() && !includePrerelease) {
            for (Comparator comparator : comparators) {
                if (comparator.version() != null && comparator.version().isPrerelease()
                        && comparator.version().sameRelease(version)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean isNullSet(Comparator comparator) {
        return comparator.value().equals("<0.0.0-0");
    }

    private List<Comparator> parseAlternative(String alternative) {
        String range = replaceFirst(loose ? NpmPatterns.HYPHEN_RANGE_LOOSE : NpmPatterns.HYPHEN_RANGE, alternative,
                this::hyphen);
        range = NpmPatterns.COMPARATOR_TRIM.matcher(range).replaceAll("$1$2$3");
        range = NpmPatterns.TILDE_TRIM.matcher(range).replaceAll("$1~");
        range = NpmPatterns.CARET_TRIM.matcher(range).replaceAll("$1^");
        List<String> desugared = new ArrayList<>();
        for (String comparator : range.split(" ", -1)) {
            desugared.add(desugar(comparator));
        }
        List<String> comparators = new ArrayList<>();
        for (String comparator : String.join(" ", desugared).split("\\s+", -1)) {
            comparators.add((includePrerelease ? NpmPatterns.GTE0_PRE : NpmPatterns.GTE0).matcher(comparator.strip())
                    .replaceFirst(""));
        }
        if (loose) {
            comparators.removeIf(c -> !NpmPatterns.COMPARATOR_LOOSE.matcher(c).matches());
        }
        Map<String, Comparator> byValue = new LinkedHashMap<>();
        for (String text : comparators) {
            Comparator comparator = comparator(text);
            if (isNullSet(comparator)) {
                return List.of(comparator);
            }
            byValue.put(comparator.value(), comparator);
        }
        if (byValue.size() > 1) {
            byValue.remove("");
        }
        return new ArrayList<>(byValue.values());
    }

    private Comparator comparator(String text) {
        String normalized = String.join(" ", text.strip().split("\\s+"));
        Matcher m = (loose ? NpmPatterns.COMPARATOR_LOOSE : NpmPatterns.COMPARATOR).matcher(normalized);
        if (!m.matches()) {
            throw new InvalidVersionException("npm range", this.text, "invalid comparator '" + text + "'");
        }
        String operator = m.group(1) == null || m.group(1).equals("=") ? "" : m.group(1);
        return new Comparator(operator, m.group(2) == null || m.group(2).isEmpty() ? null
                : NpmVersion.parse(m.group(2), loose));
    }

    /** parseComparator: carets, tildes, x-ranges, stars. */
    private String desugar(String comparator) {
        String result = eachWord(comparator.strip(), this::caret);
        result = eachWord(result.strip(), this::tilde);
        result = eachWord(result, this::xRange);
        return NpmPatterns.STAR.matcher(result.strip()).replaceFirst("");
    }

    private static String eachWord(String text, java.util.function.UnaryOperator<String> replace) {
        return String.join(" ", Arrays.stream(text.split("\\s+", -1)).map(replace).toList());
    }

    private static boolean isX(String id) {
        return id == null || id.isEmpty() || id.equalsIgnoreCase("x") || id.equals("*");
    }

    private static long plusOne(String number) {
        return Long.parseLong(number) + 1;
    }

    /** The major, minor, patch and pre-release groups of an x-range match; x, X, * or absent parts are "x". */
    private record Partial(String major, String minor, String patch, String pre) {
        static Partial of(Matcher m, int majorGroup) {
            return new Partial(m.group(majorGroup), m.group(majorGroup + 1), m.group(majorGroup + 2),
                    m.group(majorGroup + 3));
        }

        /** {@code major.minor.patch[-pre]}. */
        String full() {
            return major + "." + minor + "." + patch + (pre != null ? "-" + pre : "");
        }

        String nextMajor() {
            return plusOne(major) + ".0.0-0";
        }

        String nextMinor() {
            return major + "." + plusOne(minor) + ".0-0";
        }
    }

    private String tilde(String comparator) {
        return replaceFirst(loose ? NpmPatterns.TILDE_LOOSE : NpmPatterns.TILDE, comparator, m -> {
            Partial p = Partial.of(m, 1);
            if (isX(p.major())) {
                return "";
            } else if (isX(p.minor())) {
                return ">=" + p.major() + ".0.0 <" + p.nextMajor();
            } else if (isX(p.patch())) {
                return ">=" + p.major() + "." + p.minor() + ".0 <" + p.nextMinor();
            }
            return ">=" + p.full() + " <" + p.nextMinor();
        });
    }

    private String caret(String comparator) {
        String z = includePrerelease ? "-0" : "";
        return replaceFirst(loose ? NpmPatterns.CARET_LOOSE : NpmPatterns.CARET, comparator, m -> {
            Partial p = Partial.of(m, 1);
            if (isX(p.major())) {
                return "";
            } else if (isX(p.minor())) {
                return ">=" + p.major() + ".0.0" + z + " <" + p.nextMajor();
            } else if (isX(p.patch())) {
                return ">=" + p.major() + "." + p.minor() + ".0" + z + " <"
                        + (p.major().equals("0") ? p.nextMinor() : p.nextMajor());
            }
            if (!p.major().equals("0")) {
                return ">=" + p.full() + " <" + p.nextMajor();
            }
            String from = ">=" + p.full() + (p.pre() != null ? "" : z);
            if (p.minor().equals("0")) {
                return from + " <" + p.major() + "." + p.minor() + "." + plusOne(p.patch()) + "-0";
            }
            return from + " <" + p.nextMinor();
        });
    }

    private String xRange(String comparator) {
        return replaceFirst(loose ? NpmPatterns.X_RANGE_LOOSE : NpmPatterns.X_RANGE, comparator.strip(), m -> {
            String operator = m.group(1);
            String major = m.group(2);
            String minor = m.group(3);
            String patch = m.group(4);
            boolean xMajor = isX(major);
            boolean xMinor = xMajor || isX(minor);
            boolean xPatch = xMinor || isX(patch);
            if (operator.equals("=") && xPatch) {
                operator = "";
            }
            String pre = includePrerelease ? "-0" : "";
            if (xMajor) {
                return operator.equals(">") || operator.equals("<") ? "<0.0.0-0" : "*";
            }
            if (!operator.isEmpty() && xPatch) {
                long majorNumber = Long.parseLong(major);
                long minorNumber = xMinor ? 0 : Long.parseLong(minor);
                long patchNumber = 0;
                if (operator.equals(">")) {
                    operator = ">=";
                    if (xMinor) {
                        majorNumber++;
                        minorNumber = 0;
                    } else {
                        minorNumber++;
                    }
                } else if (operator.equals("<=")) {
                    operator = "<";
                    if (xMinor) {
                        majorNumber++;
                    } else {
                        minorNumber++;
                    }
                }
                if (operator.equals("<")) {
                    pre = "-0";
                }
                return operator + majorNumber + "." + minorNumber + "." + patchNumber + pre;
            }
            if (xMinor) {
                return ">=" + major + ".0.0" + pre + " <" + plusOne(major) + ".0.0-0";
            }
            if (xPatch) {
                return ">=" + major + "." + minor + ".0" + pre + " <" + major + "." + plusOne(minor) + ".0-0";
            }
            return m.group();
        });
    }

    private String hyphen(Matcher m) {
        Partial from = Partial.of(m, 2);
        Partial to = Partial.of(m, 8);
        String z = includePrerelease ? "-0" : "";
        String lower;
        if (isX(from.major())) {
            lower = "";
        } else if (isX(from.minor())) {
            lower = ">=" + from.major() + ".0.0" + z;
        } else if (isX(from.patch())) {
            lower = ">=" + from.major() + "." + from.minor() + ".0" + z;
        } else {
            lower = ">=" + m.group(1) + (from.pre() != null ? "" : z);
        }
        String upper;
        if (isX(to.major())) {
            upper = "";
        } else if (isX(to.minor())) {
            upper = "<" + to.nextMajor();
        } else if (isX(to.patch())) {
            upper = "<" + to.nextMinor();
        } else if (to.pre() != null) {
            upper = "<=" + to.full();
        } else if (includePrerelease) {
            upper = "<" + to.major() + "." + to.minor() + "." + plusOne(to.patch()) + "-0";
        } else {
            upper = "<=" + m.group(7);
        }
        return (lower + " " + upper).strip();
    }

    /** JavaScript's {@code string.replace(nonGlobalRegex, fn)}. */
    private static String replaceFirst(Pattern pattern, String text,
                                       java.util.function.Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        return text.substring(0, m.start()) + replacement.apply(m) + text.substring(m.end());
    }

    @Override
    public String toString() {
        return text;
    }
}
