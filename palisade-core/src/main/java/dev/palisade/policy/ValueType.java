package dev.palisade.policy;

/** How a field's criterion values are written and matched. */
public enum ValueType {
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A regular expression matched against the whole value, case-insensitively. */
    STRING,
    /** A number with an optional comparator: {@code >= 2}, {@code < 0.5}, {@code 0} (equals). */
    NUMBER,
    /** {@code keyRegex=valueRegex} (or {@code keyRegex} alone) against {@code key=value}. */
    KEY_VALUE,
    /**
     * A vulnerability severity with an optional comparator: {@code critical}, {@code >= important}. Names: low,
     * moderate (or medium), important (or high), critical, unknown; StackRox's {@code IMPORTANT_SEVERITY} too.
     */
    SEVERITY
}
