package dev.palisade.source;

/**
 * A source that cannot be read at all (an unreachable API server, a file that is not a snapshot). Its
 * message is complete and meant for the user as it is.
 */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
