package dev.palisade.vuln.db;

import java.net.URI;
import java.nio.file.Path;

/**
 * What an update did with one source.
 *
 * @param source  the URL
 * @param status  downloaded anew, or not modified since the kept copy
 * @param info    the kept copy's ETag, Last-Modified, SHA-256 and download time
 * @param archive the kept copy
 */
public record SourceOutcome(URI source, Status status, SourceInfo info, Path archive) {

    /** Downloaded anew, or answered 304 Not Modified. */
    public enum Status {
        DOWNLOADED, NOT_MODIFIED
    }
}
