package dev.palisade.vuln;

import dev.palisade.image.catalog.ImageCatalogue;
import java.time.Instant;
import java.util.List;

/**
 * One image's scan: what it holds and which vulnerabilities its packages carry.
 *
 * @param reference       the image reference as the inventory writes it (normalised: {@code ImageRef.fullReference})
 * @param catalogue       the packages and configuration, or null when the image could not be read
 * @param vulnerabilities matched against the database {@code database}
 * @param scannedAt       when the packages were catalogued (the cache keeps the first analysis of a digest)
 * @param database        the identity of the vulnerability database used, or empty
 * @param problems        what went wrong (an unreachable registry, a missing SBOM); empty for a clean scan
 */
public record ImageScan(String reference, ImageCatalogue catalogue, List<Vulnerability> vulnerabilities,
                        Instant scannedAt, String database, List<String> problems) {

    public ImageScan {
        vulnerabilities = List.copyOf(vulnerabilities);
        problems = List.copyOf(problems);
        database = database == null ? "" : database;
    }

    /** Whether the image was read: a failed scan says nothing about vulnerabilities. */
    public boolean scanned() {
        return catalogue != null;
    }

    /** The manifest digest, or null. */
    public String digest() {
        return catalogue == null ? null : catalogue.digest();
    }

    /** The most severe vulnerability, or null when there is none. */
    public Vulnerability worst() {
        return vulnerabilities.stream().min(WORST_FIRST).orElse(null);
    }

    /** Severity, then fixable, then CVSS, then id: the order reports list vulnerabilities in. */
    public static final java.util.Comparator<Vulnerability> WORST_FIRST = java.util.Comparator
            .comparing(Vulnerability::severity).reversed()
            .thenComparing(Vulnerability::fixable, java.util.Comparator.reverseOrder())
            .thenComparing(v -> v.cvssScore() == null ? 0.0 : v.cvssScore(), java.util.Comparator.reverseOrder())
            .thenComparing(Vulnerability::id);
}
