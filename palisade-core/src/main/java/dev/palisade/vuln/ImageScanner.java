package dev.palisade.vuln;

import dev.palisade.image.ImageCatalogues;
import dev.palisade.image.ImageResult;
import dev.palisade.image.ImageSource;
import dev.palisade.image.source.Platform;
import dev.palisade.inventory.ImageRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.vuln.db.VulnerabilityStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scans every distinct image of an inventory ({@code palisade scan --scan-images}): reads it (from a directory
 * of archives, layouts and SBOMs named by reference when one is given, else from its registry), catalogues it
 * (cached per digest), and matches its packages against the vulnerability database. One image's failure is
 * that image's problem; the others are scanned.
 *
 * <p>A file in the images directory stands for an image when its name, without {@code .tar}, {@code .tar.gz},
 * {@code .tgz}, {@code .tar.zst}, {@code .cdx.json}, {@code .spdx.json} or {@code .json}, equals the reference
 * (as written or in full) with {@code /}, {@code :} and {@code @} replaced by {@code _}:
 * {@code registry.example_5000_shop_web_1.4.2.cdx.json} is {@code registry.example:5000/shop/web:1.4.2}.
 */
public final class ImageScanner {

    private static final List<String> EXTENSIONS = List.of(".tar.gz", ".tar.zst", ".tgz", ".tar", ".cdx.json",
            ".spdx.json", ".json");

    private final ImageCatalogues catalogues;
    private final Platform platform;
    private final Path imagesDirectory;
    private final VulnerabilityStore store;
    private final boolean registries;

    /**
     * @param imagesDirectory archives and SBOMs named by reference, or null
     * @param store           the vulnerability database, or null (images are catalogued, not matched)
     * @param registries      whether images not in the directory are pulled from their registries
     */
    public ImageScanner(ImageCatalogues catalogues, Platform platform, Path imagesDirectory, VulnerabilityStore store,
                        boolean registries) {
        this.catalogues = catalogues;
        this.platform = platform;
        this.imagesDirectory = imagesDirectory;
        this.store = store;
        this.registries = registries;
    }

    public ImageScans scan(Snapshot snapshot, KnownExploited knownExploited, Instant now) throws IOException {
        Map<String, ImageRef> images = new TreeMap<>();
        snapshot.workloads().forEach(w -> w.containers().forEach(c -> {
            if (c.image() != null) {
                images.putIfAbsent(c.image().fullReference(), c.image());
            }
        }));
        Map<String, Path> files = files();
        List<ImageScan> scans = new ArrayList<>();
        for (ImageRef image : images.values()) {
            scans.add(scan(image, files));
        }
        return ImageScans.of(scans, knownExploited, now);
    }

    private ImageScan scan(ImageRef image, Map<String, Path> files) {
        Optional<ImageSource> source = Optional.ofNullable(files.get(flat(image.original())))
                .or(() -> Optional.ofNullable(files.get(flat(image.fullReference())))).map(ImageScanner::source)
                .or(() -> registries ? Optional.of(new ImageSource.Registry(image.fullReference())) : Optional.empty());
        if (source.isEmpty()) {
            return failed(image, "not in the images directory " + imagesDirectory + " (expected a file named "
                    + flat(image.original()) + ".tar, .cdx.json, ...)");
        }
        ImageResult result;
        try {
            result = catalogues.catalogue(source.get(), platform);
        } catch (IOException | RuntimeException e) {
            return failed(image, source.get().describe() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        result.problems().forEach(p -> problems.add(p.toString()));
        if (store == null) {
            problems.add("no vulnerability database: run 'palisade db update' or 'palisade db import'");
            return new ImageScan(image.fullReference(), result.catalogue(), List.of(), result.catalogue().analysedAt(),
                    "", problems);
        }
        VulnerabilityMatcher.Result matched = VulnerabilityMatcher.match(result.catalogue(), store);
        problems.addAll(matched.problems());
        return new ImageScan(image.fullReference(), result.catalogue(), matched.vulnerabilities(),
                result.catalogue().analysedAt(), store.info().identity(), problems);
    }

    private static ImageScan failed(ImageRef image, String problem) {
        return new ImageScan(image.fullReference(), null, List.of(), null, "", List.of(problem));
    }

    /** The images directory's entries by flattened name. */
    private Map<String, Path> files() throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (imagesDirectory == null) {
            return files;
        }
        if (!Files.isDirectory(imagesDirectory)) {
            throw new IOException(imagesDirectory + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(imagesDirectory)) {
            entries.forEach(entry -> files.put(stripExtension(entry.getFileName().toString()), entry));
        }
        return files;
    }

    private static ImageSource source(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            return new ImageSource.Layout(file, null);
        }
        return name.endsWith(".json") ? new ImageSource.Sbom(file) : new ImageSource.Archive(file, null);
    }

    static String stripExtension(String name) {
        for (String extension : EXTENSIONS) {
            if (name.toLowerCase(Locale.ROOT).endsWith(extension)) {
                return name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }

    /** A reference as a file name: {@code /}, {@code :} and {@code @} become {@code _}. */
    public static String flat(String reference) {
        return reference.replace('/', '_').replace(':', '_').replace('@', '_');
    }
}
