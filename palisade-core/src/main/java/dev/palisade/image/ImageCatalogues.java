package dev.palisade.image;

import dev.palisade.image.cache.ImageCache;
import dev.palisade.image.catalog.Cataloguers;
import dev.palisade.image.catalog.FileContent;
import dev.palisade.image.catalog.ImageAnalyzer;
import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.sbom.SbomReader;
import dev.palisade.image.source.ImageArchive;
import dev.palisade.image.source.OciLayout;
import dev.palisade.image.source.OpenedImage;
import dev.palisade.image.source.Platform;
import dev.palisade.image.source.RegistryClient;
import dev.palisade.inventory.ImageRef;
import dev.palisade.store.DataDirectory;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The entry point for image catalogues: opens the source, answers from the cache when the image digest was
 * analysed before, else analyses the layers and caches the result (only when every layer was read). Everything
 * written goes under the data directory.
 */
public final class ImageCatalogues {

    /**
     * How to read images.
     *
     * @param data     Palisade's data directory (cache and scratch space)
     * @param registry how to reach registries
     * @param limits   decompression bounds per layer and archive
     * @param useCache false to analyse again (the fresh result is still stored)
     * @param clock    for analysis times
     */
    public record Options(DataDirectory data, RegistryClient.Options registry, Compression.Limits limits,
                          boolean useCache, Clock clock) {
    }

    private final Options options;

    public ImageCatalogues(Options options) {
        this.options = options;
    }

    /** The catalogue of {@code source}; a multi-platform image is read for {@code platform}. */
    public ImageResult catalogue(ImageSource source, Platform platform) throws IOException {
        if (source instanceof ImageSource.Sbom sbom) {
            return SbomReader.read(sbom.file(), options.clock().instant());
        }
        try (OpenedImage image = open(source, platform)) {
            ImageCache cache = new ImageCache(options.data().images());
            if (options.useCache()) {
                Optional<ImageCatalogue> cached = cache.get(image.digest());
                if (cached.isPresent()) {
                    ImageCatalogue c = cached.get();
                    return new ImageResult(new ImageCatalogue(source.describe(), c.digest(), c.platform(), c.os(),
                            c.packages(), c.config(), c.analysedAt()), java.util.List.of(), true);
                }
            }
            ImageAnalyzer analyzer = new ImageAnalyzer(new ImageAnalyzer.Options(options.limits(),
                    new FileContent.ScratchSpace(options.data().scratch()), Cataloguers.all(), options.clock()));
            ImageResult result = analyzer.analyse(image);
            if (result.problems().isEmpty()) {
                cache.put(result.catalogue());
            }
            return result;
        }
    }

    private OpenedImage open(ImageSource source, Platform platform) throws IOException {
        if (source instanceof ImageSource.Registry r) {
            return new RegistryClient(options.registry()).open(ImageRef.parse(r.reference()), platform);
        }
        if (source instanceof ImageSource.Archive a) {
            return ImageArchive.open(a.file(), a.tag(), platform, options.data().scratch(), options.limits());
        }
        if (source instanceof ImageSource.Layout l) {
            return OciLayout.openDirectory(l.dir(), l.tag(), platform);
        }
        throw new IllegalStateException("SBOMs are read, not opened");
    }
}
