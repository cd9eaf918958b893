package dev.palisade.vuln.version;

import java.util.regex.Pattern;

/** node-semver's regular expressions (internal/re.js), built the same way from the same pieces. */
final class NpmPatterns {

    private static final String NUMERIC = "0|[1-9]\\d*";
    private static final String NUMERIC_LOOSE = "\\d+";
    private static final String NON_NUMERIC = "\\d*[a-zA-Z-][a-zA-Z0-9-]*";
    private static final String MAIN = "(" + NUMERIC + ")\\.(" + NUMERIC + ")\\.(" + NUMERIC + ")";
    private static final String MAIN_LOOSE = "(" + NUMERIC_LOOSE + ")\\.(" + NUMERIC_LOOSE + ")\\.("
            + NUMERIC_LOOSE + ")";
    private static final String PRE_ID = "(?:" + NON_NUMERIC + "|" + NUMERIC + ")";
    private static final String PRE_ID_LOOSE = "(?:" + NON_NUMERIC + "|" + NUMERIC_LOOSE + ")";
    private static final String PRERELEASE = "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))";
    private static final String PRERELEASE_LOOSE = "(?:-?(" + PRE_ID_LOOSE + "(?:\\." + PRE_ID_LOOSE + ")*))";
    private static final String BUILD_ID = "[a-zA-Z0-9-]+";
    private static final String BUILD = "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*))";
    private static final String FULL_PLAIN = "v?" + MAIN + PRERELEASE + "?" + BUILD + "?";
    private static final String LOOSE_PLAIN = "[v=\\s]*" + MAIN_LOOSE + PRERELEASE_LOOSE + "?" + BUILD + "?";
    private static final String GTLT = "((?:<|>)?=?)";
    private static final String X_ID = NUMERIC + "|x|X|\\*";
    private static final String X_ID_LOOSE = NUMERIC_LOOSE + "|x|X|\\*";
    private static final String X_PLAIN = "[v=\\s]*(" + X_ID + ")(?:\\.(" + X_ID + ")(?:\\.(" + X_ID + ")(?:"
            + PRERELEASE + ")?" + BUILD + "?)?)?";
    private static final String X_PLAIN_LOOSE = "[v=\\s]*(" + X_ID_LOOSE + ")(?:\\.(" + X_ID_LOOSE + ")(?:\\.("
            + X_ID_LOOSE + ")(?:" + PRERELEASE_LOOSE + ")?" + BUILD + "?)?)?";

    static final Pattern FULL = Pattern.compile("^" + FULL_PLAIN + "$");
    static final Pattern LOOSE = Pattern.compile("^" + LOOSE_PLAIN + "$");
    static final Pattern X_RANGE = Pattern.compile("^" + GTLT + "\\s*" + X_PLAIN + "$");
    static final Pattern X_RANGE_LOOSE = Pattern.compile("^" + GTLT + "\\s*" + X_PLAIN_LOOSE + "$");
    static final Pattern TILDE_TRIM = Pattern.compile("(\\s*)(?:~>?)\\s+");
    static final Pattern TILDE = Pattern.compile("^(?:~>?)" + X_PLAIN + "$");
    static final Pattern TILDE_LOOSE = Pattern.compile("^(?:~>?)" + X_PLAIN_LOOSE + "$");
    static final Pattern CARET_TRIM = Pattern.compile("(\\s*)(?:\\^)\\s+");
    static final Pattern CARET = Pattern.compile("^(?:\\^)" + X_PLAIN + "$");
    static final Pattern CARET_LOOSE = Pattern.compile("^(?:\\^)" + X_PLAIN_LOOSE + "$");
    static final Pattern COMPARATOR = Pattern.compile("^" + GTLT + "\\s*(" + FULL_PLAIN + ")$|^$");
    static final Pattern COMPARATOR_LOOSE = Pattern.compile("^" + GTLT + "\\s*(" + LOOSE_PLAIN + ")$|^$");
    static final Pattern COMPARATOR_TRIM = Pattern.compile("(\\s*)" + GTLT + "\\s*(" + LOOSE_PLAIN + "|" + X_PLAIN
            + ")");
    static final Pattern HYPHEN_RANGE = Pattern.compile("^\\s*(" + X_PLAIN + ")\\s+-\\s+(" + X_PLAIN + ")\\s*$");
    static final Pattern HYPHEN_RANGE_LOOSE = Pattern.compile("^\\s*(" + X_PLAIN_LOOSE + ")\\s+-\\s+(" + X_PLAIN_LOOSE
            + ")\\s*$");
    static final Pattern STAR = Pattern.compile("(<|>)?=?\\s*\\*");
    static final Pattern GTE0 = Pattern.compile("^\\s*>=\\s*0\\.0\\.0\\s*$");
    static final Pattern GTE0_PRE = Pattern.compile("^\\s*>=\\s*0\\.0\\.0-0\\s*$");

    private NpmPatterns() {
    }
}
