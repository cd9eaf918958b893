package dev.palisade.cli;

import dev.palisade.image.source.Platform;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.ScanConfig;
import dev.palisade.vuln.ImageScanner;
import dev.palisade.vuln.ImageScans;
import dev.palisade.vuln.KnownExploited;
import dev.palisade.vuln.db.VulnerabilityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Image scanning for a scan: questions 2–4, image policy criteria and the risk score's vulnerability factors. */
final class ImageScanOptions {

    @Option(names = "--scan-images", description = "Scan every image of the inventory for vulnerabilities (from its"
            + " registry, or --images DIR), against the database in the data directory.")
    boolean scanImages;

    @Option(names = "--images", paramLabel = "DIR", description = "Archives, OCI layouts and SBOMs named by reference"
            + " (registry.example_5000_shop_web_1.4.2.cdx.json for registry.example:5000/shop/web:1.4.2); implies"
            + " --scan-images and reads nothing from registries.")
    Path images;

    @Option(names = "--kev", paramLabel = "FILE",
            description = "CISA's Known Exploited Vulnerabilities catalogue (JSON), weighed by the risk score.")
    Path kev;

    @Option(names = "--image-platform", paramLabel = "OS/ARCH", defaultValue = "linux/amd64",
            description = "Platform of multi-platform images (default linux/amd64).")
    String platform;

    @Mixin
    DataDirOptions data;

    boolean given() {
        return scanImages || images != null;
    }

    ScanConfig apply(Snapshot snapshot, ScanConfig config, PrintWriter err) throws IOException {
        if (!given()) {
            if (kev != null) {
                throw new IllegalArgumentException("--kev weighs image scan results: add --scan-images or --images DIR");
            }
            return config;
        }
        KnownExploited knownExploited = KnownExploited.NONE;
        if (kev != null) {
            var read = KnownExploited.read(kev);
            read.problems().forEach(p -> err.println("palisade: " + p));
            knownExploited = read.catalogue();
        }
        Path db = data.dataDirectory().db();
        VulnerabilityStore store = VulnerabilityStore.existsIn(db) ? VulnerabilityStore.openIn(db) : null;
        if (store == null) {
            err.println("palisade: no vulnerability database in " + db + ": images are catalogued but not matched"
                    + " (run 'palisade db update' or 'palisade db import')");
        }
        ImageScans scans = new ImageScanner(ImageOptions.catalogues(data.dataDirectory(), false, true),
                Platform.parse(platform), images, store, images == null).scan(snapshot, knownExploited, Instant.now());
        scans.byReference().values().forEach(s -> s.problems().forEach(p -> err.println("palisade: " + s.reference()
                + ": " + p)));
        return config.with(ImageScans.class, scans);
    }
}
