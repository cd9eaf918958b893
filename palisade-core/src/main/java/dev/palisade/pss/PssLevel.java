package dev.palisade.pss;

import java.util.Locale;

/** The Pod Security Standards levels, from most to least permissive. */
public enum PssLevel {
    PRIVILEGED, BASELINE, RESTRICTED;

    public static PssLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Pod Security level '" + text
                    + "' (expected privileged, baseline or restricted)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
