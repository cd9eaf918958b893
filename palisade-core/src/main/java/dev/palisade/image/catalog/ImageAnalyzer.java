package dev.palisade.image.catalog;

import dev.palisade.image.ImageException;
import dev.palisade.image.ImageProblem;
import dev.palisade.image.ImageResult;
import dev.palisade.image.InspectingInputStream;
import dev.palisade.image.layer.Compression;
import dev.palisade.image.layer.LayeredFileSystem;
import dev.palisade.image.layer.LayeredFileSystem.Kind;
import dev.palisade.image.layer.LayeredFileSystem.Node;
import dev.palisade.image.layer.TarPaths;
import dev.palisade.image.source.Descriptor;
import dev.palisade.image.source.OpenedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads an image's layers once, in order, as tar streams: builds the layered file tree, hands each file a
 * cataloguer wants to that cataloguer as it streams past, and keeps the packages of the files still visible at the
 * end. Nothing is extracted to disk. A layer that fails part-way is reported; what was read before it and the
 * other layers still count.
 */
public final class ImageAnalyzer {

    /** Orders packages as {@link ImageCatalogue} promises: type, name, version, location. */
    public static final Comparator<ImagePackage> ORDER = Comparator.comparing(ImagePackage::type)
            .thenComparing(ImagePackage::name).thenComparing(ImagePackage::version, Comparator.nullsFirst(
                    Comparator.naturalOrder()))
            .thenComparing(ImagePackage::location, Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * How to analyse.
     *
     * @param limits      decompression bounds per layer
     * @param scratch     where cataloguers may put a temporary copy of a file
     * @param cataloguers the cataloguers to run
     * @param clock       for {@link ImageCatalogue#analysedAt()}
     */
    public record Options(Compression.Limits limits, FileContent.ScratchSpace scratch, List<Cataloguer> cataloguers,
                          Clock clock) {
    }

    /** What the analyser keeps of a visible file: its packages and, for release files, its content. */
    private record Read(List<ImagePackage> packages, byte[] content) {
    }

    private final Options options;

    public ImageAnalyzer(Options options) {
        this.options = options;
    }

    public ImageResult analyse(OpenedImage image) {
        List<ImageProblem> problems = new ArrayList<>();
        LayeredFileSystem<Read> fs = new LayeredFileSystem<>();
        List<Descriptor> layers = image.layers();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            String where = "layer " + (i + 1) + " (" + layer.shortDigest() + ")";
            try (InputStream blob = image.blobs().open(layer)) {
                readLayer(i, layer.digest(), where, blob, fs, problems);
            } catch (IOException | RuntimeException e) {
                problems.add(new ImageProblem(where, message(e)));
            }
        }
        OsRelease os = detectOs(fs, problems);
        List<ImagePackage> packages = new ArrayList<>();
        for (Map.Entry<String, Node<Read>> entry : fs.entries()) {
            Read read = entry.getValue().payload();
            if (read != null && read.packages() != null) {
                for (ImagePackage p : read.packages()) {
                    packages.add(withPurl(p, os));
                }
            }
        }
        packages.sort(ORDER);
        ImageConfigFacts facts = ImageConfigFacts.none();
        try {
            facts = ConfigFacts.read(image.config());
        } catch (RuntimeException e) {
            problems.add(new ImageProblem("config of " + image.reference(), message(e)));
        }
        String platform = image.platform() == null ? null : image.platform().toString();
        return new ImageResult(new ImageCatalogue(image.reference(), image.digest(), platform, os, packages, facts,
                options.clock().instant()), problems, false);
    }

    /** Applies one layer's tar stream to {@code fs}. */
    private void readLayer(int index, String digest, String where, InputStream blob, LayeredFileSystem<Read> fs,
                           List<ImageProblem> problems) throws IOException {
        Guarded guarded = new Guarded(Compression.decompress(new BufferedInputStream(blob, 1 << 16), where,
                options.limits()));
        TarArchiveInputStream tar = new TarArchiveInputStream(guarded);
        TarArchiveEntry entry;
        boolean any = false;
        while ((entry = nextEntry(tar, where, any)) != null) {
            any = true;
            String path;
            try {
                path = TarPaths.normalize(entry.getName());
            } catch (IllegalArgumentException e) {
                problems.add(new ImageProblem(where, e.getMessage() + "; entry skipped"));
                continue;
            }
            if (path.isEmpty()) {
                continue;
            }
            String name = TarPaths.fileName(path);
            if (name.startsWith(".wh.")) {
                String parent = TarPaths.parent(path);
                if (name.equals(".wh..wh..opq")) {
                    fs.opaque(parent, index);
                } else {
                    fs.whiteout(TarPaths.join(parent, name.substring(4)), index);
                }
            } else if (entry.isDirectory()) {
                fs.put(path, new Node<>(Kind.DIRECTORY, index, 0, entry.getMode(), null, null));
            } else if (entry.isSymbolicLink()) {
                fs.put(path, new Node<>(Kind.SYMLINK, index, 0, entry.getMode(), entry.getLinkName(), null));
            } else if (entry.isLink()) {
                hardLink(index, path, entry.getLinkName(), where, fs, problems);
            } else if (entry.isFile()) {
                Read read = readFile(index, digest, path, entry, tar, guarded, where, fs, problems);
                fs.put(path, new Node<>(Kind.FILE, index, entry.getSize(), entry.getMode(), null, read));
            }
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, String where, boolean any) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageException(where + ": " + (any ? "corrupt tar data" : "not a tar layer") + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** A hard link shares its target's content: it gets the target's packages, found at its own path. */
    private static void hardLink(int index, String path, String linkName, String where, LayeredFileSystem<Read> fs,
                                 List<ImageProblem> problems) {
        String target;
        try {
            target = TarPaths.normalize(linkName);
        } catch (IllegalArgumentException e) {
            problems.add(new ImageProblem(where, "hard link /" + path + ": " + e.getMessage() + "; entry skipped"));
            return;
        }
        Optional<Node<Read>> node = fs.get(target).filter(n -> n.kind() == Kind.FILE);
        if (node.isEmpty()) {
            problems.add(new ImageProblem(where, "hard link /" + path + " points to /" + target
                    + ", which the image does not contain; entry skipped"));
            return;
        }
        Read read = node.get().payload();
        if (read != null && read.packages() != null) {
            List<ImagePackage> moved = read.packages().stream().map(p -> relocate(p, "/" + target, "/" + path))
                    .toList();
            read = new Read(moved, read.content());
        }
        Node<Read> original = node.get();
        fs.put(path, new Node<>(Kind.FILE, index, original.size(), original.mode(), null, read));
    }

    private Read readFile(int index, String digest, String path, TarArchiveEntry entry, InputStream tar,
                          Guarded guarded, String where, LayeredFileSystem<Read> fs, List<ImageProblem> problems)
            throws IOException {
        Cataloguer.FileEntry file = new Cataloguer.FileEntry(path, entry.getSize(), entry.getMode());
        if (OsDetector.wants(path)) {
            return new Read(null, tar.readNBytes(OsDetector.MAX_BYTES));
        }
        Cataloguer cataloguer = null;
        for (Cataloguer c : options.cataloguers()) {
            if (c.wants(file)) {
                cataloguer = c;
                break;
            }
        }
        if (cataloguer == null) {
            return null;
        }
        List<ImagePackage> found;
        try {
            // Cataloguers may close what they are given; the layer's tar stream must stay open.
            found = cataloguer.parse(new FileContent(file, CloseShieldInputStream.wrap(tar), options.scratch()));
        } catch (IOException | RuntimeException e) {
            if (guarded.failure != null) {
                throw guarded.failure;  // the layer itself broke, not this file
            }
            problems.add(new ImageProblem(where + " /" + path, message(e)));
            return null;
        }
        // A package already present in the file this one replaces keeps the layer that introduced it.
        Map<List<Object>, String> introduced = new HashMap<>();
        fs.get(path).map(Node::payload).map(Read::packages).ifPresent(previous -> previous
                .forEach(p -> introduced.put(identity(p), p.layer())));
        List<ImagePackage> packages = new ArrayList<>(found.size());
        for (ImagePackage p : found) {
            packages.add(withLayer(p, introduced.getOrDefault(identity(p), digest)));
        }
        return new Read(packages, null);
    }

    private OsRelease detectOs(LayeredFileSystem<Read> fs, List<ImageProblem> problems) {
        return OsDetector.detect(path -> {
            try {
                return fs.resolve(path).map(e -> e.getValue().payload()).map(Read::content);
            } catch (ImageException e) {
                problems.add(new ImageProblem("OS detection", e.getMessage()));
                return Optional.empty();
            }
        });
    }

    private static List<Object> identity(ImagePackage p) {
        return java.util.Arrays.asList(p.type(), p.name(), p.version(), p.arch(), p.location());
    }

    private static ImagePackage withLayer(ImagePackage p, String layer) {
        return new ImagePackage(p.type(), p.name(), p.version(), p.epoch(), p.sourceName(), p.sourceVersion(),
                p.arch(), p.purl(), p.licenses(), p.location(), layer);
    }

    private static ImagePackage withPurl(ImagePackage p, OsRelease os) {
        return new ImagePackage(p.type(), p.name(), p.version(), p.epoch(), p.sourceName(), p.sourceVersion(),
                p.arch(), Objects.requireNonNullElseGet(p.purl(), () -> Purls.of(p, os)), p.licenses(),
                p.location(), p.layer());
    }

    private static ImagePackage relocate(ImagePackage p, String from, String to) {
        String location = p.location() != null && p.location().startsWith(from)
                ? to + p.location().substring(from.length()) : p.location();
        return new ImagePackage(p.type(), p.name(), p.version(), p.epoch(), p.sourceName(), p.sourceVersion(),
                p.arch(), p.purl(), p.licenses(), location, p.layer());
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Remembers a failure of the layer stream itself, so it is not mistaken for a bad file. */
    private static final class Guarded extends InspectingInputStream {
        IOException failure;

        Guarded(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            } catch (ImageException e) {
                failure = new IOException(e.getMessage(), e);
                throw e;
            }
        }
    }
}
