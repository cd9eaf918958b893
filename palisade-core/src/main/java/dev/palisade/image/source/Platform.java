package dev.palisade.image.source;

import java.util.Locale;

/**
 * An image platform as OCI indexes state it, e.g. {@code linux/amd64} or {@code linux/arm64/v8}.
 *
 * @param os           e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @param variant      e.g. {@code v8}; null when none
 */
public record Platform(String os, String architecture, String variant) {

    /** What Palisade reads from a multi-platform index unless told otherwise. */
    public static final Platform DEFAULT = new Platform("linux", "amd64", null);

    public static Platform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("platform '" + text + "' is not os/arch[/variant], e.g. linux/arm64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** True when {@code other} satisfies this wanted platform (a wanted platform without variant takes any). */
    public boolean accepts(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant == null || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
