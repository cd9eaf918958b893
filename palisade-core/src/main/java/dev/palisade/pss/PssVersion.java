package dev.palisade.pss;

/**
 * A Pod Security Standards version: {@code v1.N}, or {@code latest} (the newest Palisade knows). As in the
 * admission plugin, a version newer than the newest known is evaluated as the newest.
 */
public record PssVersion(int minor, boolean latest) {

    /** The newest Kubernetes minor version whose Pod Security Standards Palisade implements. */
    public static final int NEWEST = 37;

    public static final PssVersion LATEST = new PssVersion(NEWEST, true);

    public static PssVersion parse(String text) {
        String value = text.trim();
        if (value.equals("latest") || value.isEmpty()) {
            return LATEST;
        }
        String digits = value.startsWith("v1.") ? value.substring(3) : value.startsWith("1.") ? value.substring(2) : null;
        try {
            int minor = Integer.parseInt(digits);
            if (minor < 0) {
                throw new NumberFormatException();
            }
            return new PssVersion(Math.min(minor, NEWEST), false);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("invalid Pod Security version '" + text + "' (expected latest or v1.N,"
                    + " e.g. v1.33)");
        }
    }

    /** True when this version includes behaviour introduced in Kubernetes 1.{@code since}. */
    public boolean atLeast(int since) {
        return minor >= since;
    }

    @Override
    public String toString() {
        return latest ? "latest" : "v1." + minor;
    }
}
