package dev.palisade.image;

import dev.palisade.image.source.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds test images in memory: layers, configs, manifests; writes them as layouts and archives. */
public final class TestImages {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

    private TestImages() {
    }

    /** Writes tar entries of one layer. */
    public static final class Layer {
        private final ByteArrayOutputStream bytes;
        private final OutputStream sink;
        private final TarArchiveOutputStream tar;

        public Layer() {
            this(new ByteArrayOutputStream());
        }

        /** A layer written straight into {@code sink} (e.g. a compressor), for layers too large for memory. */
        public Layer(OutputStream sink) {
            this.sink = sink;
            this.bytes = sink instanceof ByteArrayOutputStream b ? b : null;
            this.tar = new TarArchiveOutputStream(sink);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        public Layer dir(String name) {
            return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"), null);
        }

        public Layer file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
        }

        public Layer file(String name, byte[] content, int mode) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            entry.setMode(0100000 | mode);
            return entry(entry, content);
        }

        public Layer symlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
            entry.setLinkName(target);
            return entry(entry, null);
        }

        public Layer hardlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
            entry.setLinkName(target);
            return entry(entry, null);
        }

        /** Deletes {@code path} of lower layers. */
        public Layer whiteout(String path) {
            int slash = path.lastIndexOf('/');
            return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), "");
        }

        /** Hides what lower layers put in {@code dir}. */
        public Layer opaque(String dir) {
            return file(dir + "/.wh..wh..opq", "");
        }

        /** A file of {@code size} zero bytes, streamed (never held in memory). */
        public Layer zeros(String name, long size) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(size);
            entry.setMode(0100644);
            try {
                tar.putArchiveEntry(entry);
                byte[] chunk = new byte[1 << 20];
                for (long left = size; left > 0; left -= chunk.length) {
                    tar.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                tar.closeArchiveEntry();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        private Layer entry(TarArchiveEntry entry, byte[] content) {
            try {
                tar.putArchiveEntry(entry);
                if (content != null) {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public byte[] tar() {
            try {
                tar.finish();
                tar.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return bytes == null ? null : bytes.toByteArray();
        }
    }

    /** A blob and its media type. */
    public record Blob(String mediaType, byte[] content) {
        public String digest() {
            return Digests.sha256(content);
        }

        public ObjectNode descriptor() {
            ObjectNode node = JSON.createObjectNode();
            node.put("mediaType", mediaType);
            node.put("digest", digest());
            node.put("size", content.length);
            return node;
        }
    }

    /** An image: config, layers (as stored) and the uncompressed layer tars (for docker save). */
    public record Image(Blob config, List<Blob> layers, List<byte[]> tars, Blob manifest, String platform) {
    }

    public static byte[] gzip(byte[] content) {
        return compress(content, out -> new GzipCompressorOutputStream(out));
    }

    public static byte[] zstd(byte[] content) {
        return compress(content, out -> new ZstdCompressorOutputStream(out));
    }

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] content, Compressor compressor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** An image of the given layer tars, stored with the given media types (gzip/zstd compressed accordingly). */
    public static Image image(String platform, List<byte[]> tars, List<String> mediaTypes, Consumer<ObjectNode> config) {
        List<Blob> layers = new ArrayList<>();
        ObjectNode cfg = JSON.createObjectNode();
        String[] p = platform.split("/");
        cfg.put("architecture", p[1]);
        cfg.put("os", p[0]);
        cfg.put("created", "2024-05-01T10:00:00Z");
        ObjectNode c = cfg.putObject("config");
        c.put("User", "app");
        c.putArray("Env").add("PATH=/usr/bin").add("DB_PASSWORD=hunter2");
        c.putObject("ExposedPorts").putObject("8080/tcp");
        c.putArray("Entrypoint").add("/app/run");
        c.putArray("Cmd").add("serve");
        c.putObject("Labels").put("org.opencontainers.image.source", "https://example.com/app");
        ArrayNode diffIds = cfg.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ArrayNode history = cfg.putArray("history");
        for (int i = 0; i < tars.size(); i++) {
            byte[] tar = tars.get(i);
            String mediaType = mediaTypes.get(i);
            byte[] stored = mediaType.endsWith("gzip") ? gzip(tar) : mediaType.endsWith("zstd") ? zstd(tar) : tar;
            layers.add(new Blob(mediaType, stored));
            diffIds.add(Digests.sha256(tar));
            history.addObject().put("created_by", "RUN step " + (i + 1));
        }
        config.accept(cfg);
        Blob configBlob = new Blob("application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(cfg));
        return new Image(configBlob, layers, tars, manifest(configBlob, layers), platform);
    }

    /** The OCI manifest of a config and layers. */
    public static Blob manifest(Blob config, List<Blob> layers) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", config.descriptor());
        ArrayNode layerArray = manifest.putArray("layers");
        layers.forEach(l -> layerArray.add(l.descriptor()));
        return new Blob("application/vnd.oci.image.manifest.v1+json", JSON.writeValueAsBytes(manifest));
    }

    public static Image image(List<byte[]> tars, List<String> mediaTypes) {
        return image("linux/amd64", tars, mediaTypes, cfg -> { });
    }

    /** An image of layer blobs as they are stored (diff_ids are not checked for OCI images; the blob digests stand in). */
    public static Image imageOfBlobs(List<Blob> layers) {
        Image shape = image(List.of(), List.of());
        ObjectNode cfg = (ObjectNode) JSON.readTree(shape.config().content());
        ArrayNode diffIds = ((ObjectNode) cfg.get("rootfs")).putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.digest()));
        Blob configBlob = new Blob(shape.config().mediaType(), JSON.writeValueAsBytes(cfg));
        return new Image(configBlob, layers, List.of(), manifest(configBlob, layers), "linux/amd64");
    }

    /** An OCI index over images of several platforms. */
    public static Blob index(List<Image> images) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (Image image : images) {
            ObjectNode d = image.manifest().descriptor();
            String[] p = image.platform().split("/");
            d.putObject("platform").put("os", p[0]).put("architecture", p[1]);
            manifests.add(d);
        }
        return new Blob("application/vnd.oci.image.index.v1+json", JSON.writeValueAsBytes(index));
    }

    /** Writes an OCI layout whose index.json names {@code top} (a manifest or an index). */
    public static void writeLayout(Path dir, Blob top, List<Image> images) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode entry = index.putArray("manifests").addObject();
        entry.setAll(top.descriptor());
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", "latest");
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        blob(dir, top);
        for (Image image : images) {
            blob(dir, image.manifest());
            blob(dir, image.config());
            for (Blob layer : image.layers()) {
                blob(dir, layer);
            }
        }
    }

    public static void writeLayout(Path dir, Image image) throws IOException {
        writeLayout(dir, image.manifest(), List.of(image));
    }

    private static void blob(Path dir, Blob blob) throws IOException {
        Files.write(dir.resolve("blobs/sha256").resolve(Digests.hex(blob.digest())), blob.content());
    }

    /** A tarball of a directory tree (an OCI archive of a layout). */
    public static byte[] tarOf(Path dir) throws IOException {
        Layer layer = new Layer();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                String name = dir.relativize(p).toString();
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    layer.dir(name);
                } else {
                    layer.file(name, Files.readAllBytes(p), 0644);
                }
            }
        }
        return layer.tar();
    }

    /** The legacy docker-save format: manifest.json, the config as {@code <hex>.json}, layers as {@code <n>/layer.tar}. */
    public static byte[] dockerSave(Image image, String repoTag) {
        Layer archive = new Layer();
        String configName = Digests.hex(image.config().digest()) + ".json";
        archive.file(configName, image.config().content(), 0644);
        ObjectNode entry = JSON.createObjectNode();
        entry.put("Config", configName);
        entry.putArray("RepoTags").add(repoTag);
        ArrayNode layers = entry.putArray("Layers");
        for (int i = 0; i < image.tars().size(); i++) {
            String name = "layer" + i + "/layer.tar";
            archive.file(name, image.tars().get(i), 0644);
            layers.add(name);
        }
        archive.file("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)), 0644);
        return archive.tar();
    }

    /** A jar with a pom.properties and, optionally, nested jars. */
    public static byte[] jar(String group, String artifact, String version, Map<String, byte[]> nested) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
            zip.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(artifact.replace('-', '/') + "/Main.class"));
            zip.write(new byte[64]);
            for (Map.Entry<String, byte[]> e : nested.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** A dpkg status paragraph. */
    public static String dpkg(String name, String version, String arch, String source) {
        return "Package: " + name + "\nStatus: install ok installed\n" + (source == null ? "" : "Source: " + source
                + "\n") + "Architecture: " + arch + "\nVersion: " + version + "\nDescription: test package\n\n";
    }
}
