package dev.palisade.cli;

import dev.palisade.image.ImageCatalogues;
import dev.palisade.image.ImageSource;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.source.Platform;
import dev.palisade.image.source.RegistryClient;
import dev.palisade.image.source.RegistryCredentials;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which image to read and how: shared by the {@code image} subcommands. */
final class ImageOptions {

    @Parameters(paramLabel = "REF", arity = "0..1",
            description = "Image reference in a registry, e.g. debian:12 or 127.0.0.1:5000/app@sha256:...")
    String reference;

    @ArgGroup(exclusive = true)
    LocalSource local;

    static final class LocalSource {
        @Option(names = "--archive", paramLabel = "FILE",
                description = "A docker save tarball or an OCI archive (.tar, .tar.gz, .tar.zst).")
        Path archive;

        @Option(names = "--layout", paramLabel = "DIR", description = "An OCI image layout directory.")
        Path layout;

        @Option(names = "--sbom", paramLabel = "FILE", description = "A CycloneDX or SPDX JSON SBOM.")
        Path sbom;
    }

    @Option(names = "--tag", paramLabel = "TAG", description = "With --archive or --layout: the image of that tag when"
            + " there are several.")
    String tag;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", defaultValue = "linux/amd64",
            description = "Platform to read from a multi-platform image (default linux/amd64).")
    String platform;

    @picocli.CommandLine.Mixin
    DataDirOptions data;

    @Option(names = "--no-cache", description = "Analyse again even when the image digest is cached.")
    boolean noCache;

    @Option(names = "--plain-http", description = "Talk to the registry over plain HTTP (loopback registries always"
            + " are).")
    boolean plainHttp;

    ImageSource source() {
        int chosen = (reference == null ? 0 : 1) + (local == null ? 0 : 1);
        if (chosen != 1) {
            throw new IllegalArgumentException("name one image: REF, --archive FILE, --layout DIR or --sbom FILE");
        }
        if (reference != null) {
            return new ImageSource.Registry(reference);
        }
        if (local.archive != null) {
            return new ImageSource.Archive(local.archive, tag);
        }
        if (local.layout != null) {
            return new ImageSource.Layout(local.layout, tag);
        }
        return new ImageSource.Sbom(local.sbom);
    }

    Platform platform() {
        return Platform.parse(platform);
    }

    ImageCatalogues catalogues() {
        return catalogues(data.dataDirectory(), plainHttp, !noCache);
    }

    /** Image reading with the user's registry credentials; shared by image commands and scan --scan-images. */
    static ImageCatalogues catalogues(dev.palisade.store.DataDirectory directory, boolean plainHttp, boolean cache) {
        RegistryClient.Options defaults = RegistryClient.Options.defaults(RegistryCredentials.load(System.getenv(),
                Path.of(System.getProperty("user.home"))));
        RegistryClient.Options registry = new RegistryClient.Options(defaults.credentials(), plainHttp,
                defaults.attempts(), defaults.firstBackoff(), defaults.timeout());
        return new ImageCatalogues(new ImageCatalogues.Options(directory, registry, Compression.Limits.DEFAULT, cache,
                Clock.systemUTC()));
    }
}
