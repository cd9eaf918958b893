package dev.palisade.scan;

import java.util.Locale;

/** Finding severity, ordered from least to most severe. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Parses {@code low}, {@code HIGH}, ...; fails with the accepted values. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (expected low, medium, high or critical)");
        }
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}
