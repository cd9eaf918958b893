package dev.palisade.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.image.catalog.PackageType;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.source.Platform;
import dev.palisade.image.source.RegistryClient;
import dev.palisade.image.source.RegistryCredentials;
import dev.palisade.store.DataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Debian root filesystem (debootstrap, minbase variant, built once and kept under target/) packed into an
 * image, written as an OCI archive and pushed to a loopback registry: Palisade's package list equals what
 * {@code dpkg-query} reports for the same root filesystem.
 */
class DebianImageEndToEndTest {

    private static final Path ROOTFS = Path.of("target/debian-rootfs/minbase");

    @TempDir
    Path tmp;

    @Test
    void packagesEqualDpkgQueryFromArchiveAndRegistry() throws Exception {
        Path rootfs = rootfs();
        List<String> expected = dpkgQuery(rootfs);
        assertThat(expected).hasSizeGreaterThan(80);

        TestImages.Image image = imageOf(rootfs);
        TestImages.writeLayout(tmp.resolve("layout"), image);
        Files.write(tmp.resolve("debian.tar"), TestImages.tarOf(tmp.resolve("layout")));
        ImageCatalogues catalogues = new ImageCatalogues(new ImageCatalogues.Options(
                new DataDirectory(tmp.resolve("data")), RegistryClient.Options.defaults(RegistryCredentials.none()),
                Compression.Limits.DEFAULT, false, Clock.systemUTC()));

        ImageResult archive = catalogues.catalogue(new ImageSource.Archive(tmp.resolve("debian.tar"), null),
                Platform.DEFAULT);
        assertThat(archive.problems()).isEmpty();
        assertThat(archive.catalogue().os().id()).isEqualTo("debian");
        assertThat(debs(archive)).containsExactlyElementsOf(expected);

        try (LoopbackRegistry registry = LoopbackRegistry.start(tmp.resolve("registry"))) {
            registry.push("debian/minbase", "latest", image);
            ImageResult pulled = catalogues.catalogue(new ImageSource.Registry(registry.host() + "/debian/minbase"),
                    Platform.DEFAULT);
            assertThat(pulled.problems()).isEmpty();
            assertThat(pulled.catalogue().digest()).isEqualTo(image.manifest().digest());
            assertThat(debs(pulled)).containsExactlyElementsOf(expected);
        }
    }

    /** name, version, architecture, source package and source version, as dpkg-query prints them. */
    private static List<String> debs(ImageResult result) {
        return result.catalogue().packages().stream().filter(p -> p.type() == PackageType.DEB)
                .map(p -> String.join("\t", p.name(), p.version(), p.arch(),
                        p.sourceName() == null ? p.name() : p.sourceName(),
                        p.sourceVersion() == null ? p.version() : p.sourceVersion()))
                .sorted().toList();
    }

    private static List<String> dpkgQuery(Path rootfs) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("dpkg-query", "--admindir=" + rootfs.resolve("var/lib/dpkg"), "-W",
                "-f=${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\t${source:Package}\t"
                        + "${source:Version}\n").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("dpkg-query exit code").isZero();
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("ii ")) {
                lines.add(line.substring(line.indexOf('\t') + 1));
            }
        }
        return lines.stream().sorted().toList();
    }

    /** The debootstrapped root filesystem, built on first use (about half a minute) and kept under target/. */
    private static synchronized Path rootfs() throws IOException, InterruptedException {
        if (Files.exists(ROOTFS.resolve(".complete"))) {
            return ROOTFS;
        }
        LoopbackRegistry.requireBinary("/usr/sbin/debootstrap", "debootstrap");
        LoopbackRegistry.requireBinary("/usr/bin/dpkg-query", "dpkg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && System.getenv("CI") == null) {
            assumeTrue(false, "debootstrap needs root; run as root (CI does) to build the Debian image");
        }
        Path partial = ROOTFS.resolveSibling("minbase.partial");
        deleteTree(partial);
        Files.createDirectories(partial.getParent());
        Process process = new ProcessBuilder("/usr/sbin/debootstrap", "--variant=minbase", codename(),
                partial.toAbsolutePath().toString(), mirror()).redirectErrorStream(true)
                .redirectOutput(ROOTFS.resolveSibling("debootstrap.log").toFile()).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("debootstrap did not finish in 15 minutes; see "
                    + ROOTFS.resolveSibling("debootstrap.log"));
        }
        assertThat(process.exitValue()).as("debootstrap exit code; log in " + ROOTFS.resolveSibling("debootstrap.log"))
                .isZero();
        deleteTree(ROOTFS);
        Files.move(partial, ROOTFS);
        Files.createFile(ROOTFS.resolve(".complete"));
        return ROOTFS;
    }

    /** This machine's Debian release, so debootstrap finds its scripts and apt's mirror serves it. */
    private static String codename() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
            if (line.startsWith("VERSION_CODENAME=")) {
                return line.substring("VERSION_CODENAME=".length()).replace("\"", "");
            }
        }
        return "bookworm";
    }

    /** The Debian mirror apt is configured with here (reachable wherever apt-get works). */
    private static String mirror() throws IOException {
        List<Path> sources = new ArrayList<>();
        Path list = Path.of("/etc/apt/sources.list");
        if (Files.isRegularFile(list)) {
            sources.add(list);
        }
        Path dir = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.sorted().forEach(sources::add);
            }
        }
        for (Path file : sources) {
            for (String line : Files.readAllLines(file)) {
                for (String word : line.trim().split("\\s+")) {
                    if (word.matches("https?://\\S+/debian/?") && !word.contains("security")) {
                        return word;
                    }
                }
            }
        }
        return "http://deb.debian.org/debian";
    }

    /** One zstd layer holding the whole root filesystem (devices and sockets left out). */
    private static TestImages.Image imageOf(Path rootfs) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream zstd = new ZstdCompressorOutputStream(compressed);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Files.walkFileTree(rootfs, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String name = rootfs.relativize(dir).toString();
                    if (!name.isEmpty()) {
                        TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                        entry.setMode(040000 | mode(dir));
                        tar.putArchiveEntry(entry);
                        tar.closeArchiveEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = rootfs.relativize(file).toString();
                    if (name.equals(".complete")) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                        entry.setLinkName(Files.readSymbolicLink(file).toString());
                        tar.putArchiveEntry(entry);
                        tar.closeArchiveEntry();
                    } else if (attrs.isRegularFile()) {
                        TarArchiveEntry entry = new TarArchiveEntry(name);
                        entry.setSize(attrs.size());
                        entry.setMode(0100000 | mode(file));
                        tar.putArchiveEntry(entry);
                        try (InputStream in = Files.newInputStream(file)) {
                            in.transferTo(tar);
                        }
                        tar.closeArchiveEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            tar.finish();
        }
        return TestImages.imageOfBlobs(List.of(new TestImages.Blob(TestImages.LAYER_ZSTD, compressed.toByteArray())));
    }

    private static int mode(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission p : Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .permissions()) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
