package dev.palisade.policy;

import java.util.List;
import java.util.regex.Pattern;

/** Recognises values that look like credentials, by well-known shapes; never reports the value itself. */
final class Credentials {

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,}\\b"),
            Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"),
            Pattern.compile("\\bxox[baprs]-[A-Za-z0-9-]{10,}\\b"),
            Pattern.compile("\\b(sk|rk)_live_[A-Za-z0-9]{16,}\\b"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+"),
            Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"));

    private Credentials() {
    }

    /** The shortest value any shape can match; shorter values (most settings) skip the regexes. */
    private static final int SHORTEST = 8;

    /** Text every shape contains; a value with none of it skips the regexes (most configuration does). */
    private static final List<String> MARKERS = List.of("-----BEGIN", "AKIA", "ASIA", "AIza", "gh", "github_pat_",
            "glpat-", "xox", "_live_", "eyJ", "://");

    static boolean looksLikeCredential(String value) {
        return value.length() >= SHORTEST && MARKERS.stream().anyMatch(value::contains)
                && SHAPES.stream().anyMatch(p -> p.matcher(value).find());
    }
}
