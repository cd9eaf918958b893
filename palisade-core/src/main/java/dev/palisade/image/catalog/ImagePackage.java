package dev.palisade.image.catalog;

import java.util.List;

/**
 * One package found in an image or an SBOM.
 *
 * @param type          ecosystem
 * @param name          package name as the ecosystem spells it (Maven: {@code groupId:artifactId})
 * @param version       the full version as the ecosystem compares it: dpkg {@code [epoch:]upstream[-revision]},
 *                      rpm {@code [epoch:]version-release}, apk {@code x.y.z-rN}, language packages as published
 * @param epoch         dpkg or rpm epoch when the database states one, else null
 * @param sourceName    source package (dpkg Source, apk origin, source RPM name); null when the same as name or unknown
 * @param sourceVersion source package version when it differs from the binary version, else null
 * @param arch          architecture (e.g. {@code amd64}, {@code x86_64}, {@code noarch}); null when not stated
 * @param purl          package URL
 * @param licenses      declared licenses, possibly empty
 * @param location      path of the file the package was read from, inside the image (e.g. {@code /var/lib/dpkg/status})
 * @param layer         digest of the layer that introduced the file; null when not read from an image
 */
public record ImagePackage(PackageType type, String name, String version, Integer epoch, String sourceName,
                           String sourceVersion, String arch, String purl, List<String> licenses, String location,
                           String layer) {

    public ImagePackage {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }
}
