package dev.palisade.bench;

import dev.palisade.image.ImageCatalogues;
import dev.palisade.image.ImageResult;
import dev.palisade.image.ImageSource;
import dev.palisade.image.catalog.PackageType;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.source.Platform;
import dev.palisade.image.source.RegistryClient;
import dev.palisade.image.source.RegistryCredentials;
import dev.palisade.store.DataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cataloguing one image from an OCI layout, cache off: three gzip layers holding a Debian-like base (400 dpkg
 * packages, a copyright file each, 2,000 other files), 300 application jars (every tenth a fat jar with three
 * nested jars) and a small top layer. Measures reading every layer, the layered tree, the dpkg and jar cataloguers,
 * purls and sorting, in a 512 MB heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class ImageCatalogueBenchmark {

    static final int DEB_PACKAGES = 400;
    static final int JARS = 300;
    static final int CLASSES_PER_JAR = 40;

    private Path dir;
    private ImageCatalogues catalogues;
    private int expectedMaven;
    private long layerBytes;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("palisade-image-bench");
        Random random = new Random(20_261_126L);
        StringBuilder status = new StringBuilder();
        Layer base = new Layer();
        base.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n".getBytes(
                StandardCharsets.UTF_8));
        for (int i = 0; i < DEB_PACKAGES; i++) {
            String name = "pkg" + i + (i % 7 == 0 ? "-libs" : "");
            status.append("Package: ").append(name).append("\nStatus: install ok installed\nPriority: optional\n")
                    .append("Installed-Size: ").append(100 + i).append("\nMaintainer: Debian <debian@example.org>\n")
                    .append("Architecture: amd64\n").append(i % 3 == 0 ? "Source: src" + i + " (" + i + ".0-1)\n" : "")
                    .append("Version: ").append(i % 5 == 0 ? "1:" : "").append(i).append(".0-1+deb12u1\n")
                    .append("Depends: libc6 (>= 2.34)\nDescription: package ").append(i)
                    .append("\n a longer description line one\n and line two\n\n");
            base.file("usr/share/doc/" + name + "/copyright", randomText(random, 1500));
        }
        base.file("var/lib/dpkg/status", status.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2_000; i++) {
            base.file("usr/lib/x86_64-linux-gnu/lib" + i + ".so.1", randomBytes(random, 2_000 + random.nextInt(20_000)));
        }
        Layer app = new Layer();
        int maven = 0;
        for (int i = 0; i < JARS; i++) {
            List<byte[]> nested = new ArrayList<>();
            if (i % 10 == 0) {
                for (int n = 0; n < 3; n++) {
                    nested.add(jar(random, "org.nested" + n, "inner" + i + "-" + n, "2." + n, List.of()));
                    maven++;
                }
            }
            app.file("app/lib/lib" + i + "-1." + i + ".jar", jar(random, "com.example.g" + (i % 20), "lib" + i,
                    "1." + i, nested));
            maven++;
        }
        Layer top = new Layer();
        top.file("app/config/application.yaml", "server:\n  port: 8080\n".getBytes(StandardCharsets.UTF_8));
        top.file("usr/share/doc/pkg1/.wh.copyright", new byte[0]);
        expectedMaven = maven;
        writeLayout(dir.resolve("layout"), List.of(base.gzip(), app.gzip(), top.gzip()));
        try (Stream<Path> files = Files.walk(dir.resolve("layout/blobs"))) {
            layerBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        catalogues = new ImageCatalogues(new ImageCatalogues.Options(new DataDirectory(dir.resolve("data")),
                RegistryClient.Options.defaults(RegistryCredentials.none()), Compression.Limits.DEFAULT, false,
                Clock.systemUTC()));
        System.out.printf("%nimage: %d blob bytes, %d dpkg packages, %d Maven packages expected%n", layerBytes,
                DEB_PACKAGES, expectedMaven);
    }

    @Benchmark
    public ImageResult catalogue() throws IOException {
        ImageResult result = catalogues.catalogue(new ImageSource.Layout(dir.resolve("layout"), null),
                Platform.DEFAULT);
        long debs = result.catalogue().packages().stream().filter(p -> p.type() == PackageType.DEB).count();
        long jars = result.catalogue().packages().stream().filter(p -> p.type() == PackageType.MAVEN).count();
        if (!result.problems().isEmpty() || debs != DEB_PACKAGES || jars != expectedMaven) {
            throw new IllegalStateException("wrong catalogue: " + debs + " deb, " + jars + " maven, problems "
                    + result.problems());
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void delete() {
        ClusterGenerator.delete(dir);
    }

    private static byte[] jar(Random random, String group, String artifact, String version, List<byte[]> nested)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\nImplementation-Title: " + artifact + "\nImplementation-Version: "
                    + version + "\n").getBytes(StandardCharsets.UTF_8));
            for (int c = 0; c < CLASSES_PER_JAR; c++) {
                zip.putNextEntry(new ZipEntry(group.replace('.', '/') + "/" + artifact + "/C" + c + ".class"));
                zip.write(randomText(random, 1_500));
            }
            zip.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
            zip.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (int n = 0; n < nested.size(); n++) {
                zip.putNextEntry(new ZipEntry("BOOT-INF/lib/nested" + n + ".jar"));
                zip.write(nested.get(n));
            }
        }
        return bytes.toByteArray();
    }

    /** Text-like bytes (compressible about as much as class files and documentation). */
    private static byte[] randomText(Random random, int size) {
        byte[] bytes = new byte[size];
        String alphabet = "abcdefghijklmnopqrstuvwxyz      eeeettaaoo\n;(){}";
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return bytes;
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = randomText(random, size);
        for (int i = 0; i < size; i += 4) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** One tar layer in memory. */
    private static final class Layer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        Layer() {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        void file(String name, byte[] content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }

        byte[] gzip() throws IOException {
            tar.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out)) {
                gzip.write(bytes.toByteArray());
            }
            return out.toByteArray();
        }
    }

    private static void writeLayout(Path layout, List<byte[]> layers) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        StringBuilder diffIds = new StringBuilder();
        StringBuilder descriptors = new StringBuilder();
        for (byte[] layer : layers) {
            String digest = blob(layout, layer);
            diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(digest).append('"');
            descriptors.append(descriptors.length() == 0 ? "" : ",")
                    .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(digest).append("\",\"size\":").append(layer.length).append('}');
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[" + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = blob(layout, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[" + descriptors + "]}").getBytes(StandardCharsets.UTF_8);
        String manifestDigest = blob(layout, manifest);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length + "}]}");
    }

    private static String blob(Path layout, byte[] content) throws IOException {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Files.write(layout.resolve("blobs/sha256").resolve(hex), content);
            return "sha256:" + hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
