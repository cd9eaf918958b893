package dev.palisade.image.catalog;

import java.time.Instant;
import java.util.List;

/**
 * Everything Palisade read from one image (or SBOM): its identity, distribution, packages and configuration.
 * This is what the image cache stores per digest and what vulnerability matching consumes.
 *
 * @param reference  the reference the image was read by (registry reference, archive path or SBOM file)
 * @param digest     the manifest digest ({@code sha256:...}); null for an SBOM that names none
 * @param platform   e.g. {@code linux/amd64}; null when unknown
 * @param os         the distribution, or null (scratch, distroless without os-release, most SBOMs of apps)
 * @param packages   every package found, in a stable order (type, name, version, location)
 * @param config     the image configuration facts
 * @param analysedAt when the packages were catalogued
 */
public record ImageCatalogue(String reference, String digest, String platform, OsRelease os,
                             List<ImagePackage> packages, ImageConfigFacts config, Instant analysedAt) {

    public ImageCatalogue {
        packages = List.copyOf(packages);
        config = config == null ? ImageConfigFacts.none() : config;
    }
}
