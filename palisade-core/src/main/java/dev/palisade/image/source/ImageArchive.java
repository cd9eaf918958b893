package dev.palisade.image.source;

import dev.palisade.image.ImageException;
import dev.palisade.image.layer.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import tools.jackson.databind.JsonNode;

/**
 * Image tarballs: {@code docker save} output (its {@code manifest.json}, or the OCI layout newer Docker writes
 * beside it) and OCI archives. Entries are read in place; a compressed tarball is first decompressed into the
 * scratch directory, since tar needs random access to find blobs.
 */
public final class ImageArchive {

    private ImageArchive() {
    }

    /**
     * Opens the image in {@code archive}; {@code tag} picks one of several images (may be null); {@code scratch}
     * receives a decompressed copy when the archive is compressed (deleted on close).
     */
    public static OpenedImage open(Path archive, String tag, Platform platform, Path scratch,
                                   Compression.Limits limits) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new ImageException(archive + ": no such file");
        }
        Path tarPath = archive;
        Path temporary = null;
        try (InputStream head = new BufferedInputStream(Files.newInputStream(archive))) {
            if (Compression.detect(head) != Compression.NONE) {
                Files.createDirectories(scratch);
                temporary = Files.createTempFile(scratch, "archive-", ".tar");
                try (InputStream in = Compression.decompress(new BufferedInputStream(Files.newInputStream(archive)),
                        archive.toString(), limits); OutputStream out = Files.newOutputStream(temporary)) {
                    in.transferTo(out);
                }
                tarPath = temporary;
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e instanceof ImageException ie ? ie : new ImageException(archive + ": " + e.getMessage(), e);
        }
        TarFiles files;
        try {
            files = new TarFiles(archive.toString(), tarPath, temporary);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ImageException(archive + ": not an image archive (not a tar file: " + e.getMessage() + ")", e);
        }
        try {
            if (OciLayout.isLayout(files)) {
                return OciLayout.open(files, tag, platform);
            }
            if (files.entries.containsKey("manifest.json")) {
                return openDockerSave(files, tag);
            }
            throw new ImageException(archive + ": not an image archive (no index.json or manifest.json)");
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /** The legacy docker-save format: layers named by path, identified by the config's diff_ids. */
    private static OpenedImage openDockerSave(TarFiles files, String tag) throws IOException {
        JsonNode manifest = Manifests.JSON.readTree(files.read("manifest.json").orElseThrow());
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw new ImageException(files.name() + ": manifest.json lists no image");
        }
        JsonNode chosen = manifest.get(0);
        if (tag != null) {
            chosen = null;
            for (JsonNode image : manifest) {
                for (JsonNode repoTag : image.path("RepoTags")) {
                    if (repoTag.asString().equals(tag) || repoTag.asString().endsWith(":" + tag)) {
                        chosen = image;
                    }
                }
            }
            if (chosen == null) {
                throw new ImageException(files.name() + ": no image tagged '" + tag + "' in manifest.json");
            }
        }
        String configName = chosen.path("Config").asString("");
        byte[] config = files.read(configName).orElseThrow(() -> new ImageException(files.name()
                + ": manifest.json names config " + configName + " but the archive has no such file"));
        String configDigest = Digests.sha256(config);
        String expectedConfig = configName.replaceFirst("^blobs/sha256/", "sha256:").replaceFirst("\\.json$", "");
        if (!expectedConfig.startsWith("sha256:")) {
            expectedConfig = "sha256:" + expectedConfig;
        }
        if (Digests.isValid(expectedConfig) && !expectedConfig.equals(configDigest)) {
            throw new ImageException(files.name() + ": digest mismatch for config " + configName
                    + ": its content hashes to " + configDigest);
        }
        JsonNode diffIds = Manifests.parse(config, files.name() + ": " + configName).path("rootfs").path("diff_ids");
        JsonNode layerPaths = chosen.path("Layers");
        if (diffIds.size() != layerPaths.size()) {
            throw new ImageException(files.name() + ": manifest.json lists " + layerPaths.size()
                    + " layers but the config has " + diffIds.size() + " diff_ids");
        }
        List<Descriptor> layers = new ArrayList<>();
        Map<String, String> pathByDigest = new HashMap<>();
        for (int i = 0; i < layerPaths.size(); i++) {
            String digest = Digests.requireValid(diffIds.get(i).asString(), files.name() + ": config diff_ids");
            layers.add(Descriptor.of(null, digest, -1));
            pathByDigest.put(digest, layerPaths.get(i).asString());
        }
        BlobStore blobs = new BlobStore() {
            @Override
            public InputStream open(Descriptor blob) throws IOException {
                String path = pathByDigest.get(blob.digest());
                InputStream in = path == null ? null : files.open(path).orElse(null);
                if (in == null) {
                    throw new ImageException(files.name() + ": manifest.json names layer " + path + " ("
                            + blob.shortDigest() + ") but the archive has no such file");
                }
                // diff_ids are digests of the uncompressed layer; docker save writes layers uncompressed.
                return new VerifiedInputStream(in, blob, files.name() + ": " + path);
            }

            @Override
            public void close() throws IOException {
                files.close();
            }
        };
        return new OpenedImage(files.name(), configDigest, Manifests.platformOf(config, files.name()), config,
                layers, blobs);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a scratch file left behind is removed with the scratch directory
            }
        }
    }

    /** Entries of an uncompressed tarball, read in place. */
    private static final class TarFiles implements ImageFiles {

        private final String name;
        private final TarFile tar;
        private final Path temporary;
        private final Map<String, TarArchiveEntry> entries = new HashMap<>();

        TarFiles(String name, Path tarPath, Path temporary) throws IOException {
            this.name = name;
            this.temporary = temporary;
            this.tar = new TarFile(FileChannel.open(tarPath, StandardOpenOption.READ));
            for (TarArchiveEntry entry : tar.getEntries()) {
                String entryName = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (entry.isFile()) {
                    entries.put(entryName, entry);
                }
            }
            // docker save shares identical layers through symbolic links (id/layer.tar -> ../other/layer.tar).
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (entry.isSymbolicLink()) {
                    String entryName = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                    String dir = entryName.contains("/") ? entryName.substring(0, entryName.lastIndexOf('/') + 1) : "";
                    String target = java.nio.file.Path.of(dir + entry.getLinkName()).normalize().toString();
                    TarArchiveEntry resolved = entries.get(target);
                    if (resolved != null) {
                        entries.put(entryName, resolved);
                    }
                }
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<InputStream> open(String relativePath) throws IOException {
            TarArchiveEntry entry = entries.get(relativePath);
            return entry == null ? Optional.empty() : Optional.of(tar.getInputStream(entry));
        }

        @Override
        public void close() throws IOException {
            try {
                tar.close();
            } finally {
                deleteQuietly(temporary);
            }
        }
    }
}
