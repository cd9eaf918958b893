package dev.palisade.vuln.version;

/** A version string that its scheme cannot parse; the message names the scheme, the text and the reason. */
public final class InvalidVersionException extends IllegalArgumentException {

    public InvalidVersionException(String scheme, String text, String reason) {
        super("invalid " + scheme + " version '" + text + "': " + reason);
    }
}
