package dev.palisade.network;

import java.util.Locale;
import java.util.Optional;

/** The protocols a NetworkPolicy port can name; TCP when a port names none. */
public enum Protocol {
    SCTP, TCP, UDP;

    /** Parses a protocol name case-insensitively; empty when it is not one NetworkPolicies accept. */
    public static Optional<Protocol> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(TCP);
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
