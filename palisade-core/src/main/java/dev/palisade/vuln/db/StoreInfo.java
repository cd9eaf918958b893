package dev.palisade.vuln.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a store holds and where it came from.
 *
 * @param builtAt              when the store file was written
 * @param contentHash          SHA-256 of the stored records (hex): equal hashes mean equal content
 * @param records              records stored (withdrawn ones included)
 * @param withdrawn            of which withdrawn
 * @param recordsPerEcosystem  records per OSV ecosystem ({@code Debian:11}, {@code Maven}, ...); a record
 *                             affecting packages of several ecosystems counts in each
 * @param sources              what it was built from
 */
public record StoreInfo(Instant builtAt, String contentHash, int records, int withdrawn,
                        Map<String, Integer> recordsPerEcosystem, List<SourceInfo> sources) {

    public StoreInfo {
        recordsPerEcosystem = Map.copyOf(recordsPerEcosystem);
        sources = List.copyOf(sources);
    }

    /**
     * Identifies this database version in scan results: the first 16 hex digits of the content hash and the
     * build time, e.g. {@code osv:3f1c0a9e2b7d4c11@2026-11-26T21:00:00Z}.
     */
    public String identity() {
        return "osv:" + contentHash.substring(0, 16) + "@" + builtAt;
    }
}
