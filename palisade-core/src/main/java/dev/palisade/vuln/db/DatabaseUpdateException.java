package dev.palisade.vuln.db;

import java.io.IOException;

/** An update or import that failed; the database as it was stays in place. The message names the source. */
public final class DatabaseUpdateException extends IOException {

    public DatabaseUpdateException(String message) {
        super(message);
    }

    public DatabaseUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
