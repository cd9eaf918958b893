package dev.palisade.vuln;

import java.util.Locale;

/** A vulnerability's severity, least to most severe; UNKNOWN when no source rates it. */
public enum VulnSeverity {
    UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL;

    /**
     * A database's own rating: GHSA's {@code LOW}/{@code MODERATE}/{@code HIGH}/{@code CRITICAL}, Debian urgency
     * ({@code unimportant}, {@code low}, {@code medium}, {@code high}), Red Hat's {@code important}, Ubuntu's
     * {@code negligible}. Anything else (e.g. Debian's {@code not yet assigned}) is UNKNOWN.
     */
    public static VulnSeverity fromRating(String rating) {
        if (rating == null) {
            return UNKNOWN;
        }
        return switch (rating.strip().toLowerCase(Locale.ROOT).replace("**", "")) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "moderate", "medium" -> MEDIUM;
            case "low", "unimportant", "negligible" -> LOW;
            default -> UNKNOWN;
        };
    }

    /** The CVSS qualitative rating of a base score (0 is none, rated UNKNOWN here). */
    public static VulnSeverity fromCvssScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0 ? LOW : UNKNOWN;
    }
}
