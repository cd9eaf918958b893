package dev.palisade.vuln;

import dev.palisade.inventory.ImageRef;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image scans a scan weighs (evidence, {@code palisade scan --scan-images}): one per distinct image of the
 * inventory, keyed by normalised reference, with the known-exploited catalogue when one was given.
 *
 * @param at the moment of the scan, for ages
 */
public record ImageScans(Map<String, ImageScan> byReference, KnownExploited knownExploited, Instant at) {

    public ImageScans {
        byReference = Collections.unmodifiableMap(new TreeMap<>(byReference));
        knownExploited = knownExploited == null ? KnownExploited.NONE : knownExploited;
    }

    public static ImageScans of(List<ImageScan> scans, KnownExploited knownExploited, Instant at) {
        Map<String, ImageScan> map = new TreeMap<>();
        scans.forEach(s -> map.put(s.reference(), s));
        return new ImageScans(map, knownExploited, at);
    }

    /** The scan of an image as a container references it. */
    public Optional<ImageScan> of(ImageRef image) {
        return image == null ? Optional.empty() : Optional.ofNullable(byReference.get(image.fullReference()));
    }

    /** Whether a vulnerability is in the known-exploited catalogue. */
    public boolean knownExploited(Vulnerability vulnerability) {
        return knownExploited.find(vulnerability.id(), vulnerability.aliases()).isPresent();
    }
}
