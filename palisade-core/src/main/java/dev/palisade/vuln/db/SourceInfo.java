package dev.palisade.vuln.db;

import java.time.Instant;

/**
 * Where a part of the database came from.
 *
 * @param location     the URL or local path
 * @param sha256       SHA-256 of the downloaded archive (empty for a directory import)
 * @param etag         the server's ETag, or null
 * @param lastModified the server's Last-Modified, or null
 * @param fetchedAt    when it was downloaded or imported
 * @param records      records read from it
 * @param problems     documents in it that could not be read and were skipped
 */
public record SourceInfo(String location, String sha256, String etag, String lastModified, Instant fetchedAt,
                         int records, int problems) {
}
