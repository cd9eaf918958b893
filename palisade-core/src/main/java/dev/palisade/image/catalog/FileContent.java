package dev.palisade.image.catalog;

import dev.palisade.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file handed to a cataloguer: its image path and a stream of its content, valid during
 * {@link Cataloguer#parse} only.
 */
public final class FileContent {

    private final Cataloguer.FileEntry entry;
    private final InputStream stream;
    private final ScratchSpace scratch;

    public FileContent(Cataloguer.FileEntry entry, InputStream stream, ScratchSpace scratch) {
        this.entry = entry;
        this.stream = stream;
        this.scratch = scratch;
    }

    /** Path relative to the image root, no leading slash. */
    public String path() {
        return entry.path();
    }

    /** The path as a package location: {@code /var/lib/dpkg/status}. */
    public String location() {
        return "/" + entry.path();
    }

    public InputStream stream() {
        return stream;
    }

    /** The whole content, refused above {@code max} bytes (package databases are small; a huge one is hostile). */
    public byte[] readAll(long max) throws IOException {
        if (entry.size() > max) {
            throw new ImageException(location() + ": " + entry.size() + " bytes, more than the " + max
                    + " bytes Palisade reads from such a file");
        }
        return stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max));
    }

    /**
     * Copies the content to a scratch file (for readers that need random access, like the SQLite driver) and
     * passes it to {@code use}; the file, and whatever the reader put beside it (SQLite's -shm and -wal files), is
     * deleted afterwards.
     */
    public <R> R withTemporaryFile(TemporaryFileUse<R> use) throws IOException {
        Path dir = scratch.create();
        try {
            Path file = dir.resolve(entry.fileName());
            try (OutputStream out = Files.newOutputStream(file)) {
                stream.transferTo(out);
            }
            return use.apply(file);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Work on a temporary copy of the file. */
    public interface TemporaryFileUse<R> {
        R apply(Path file) throws IOException;
    }

    /** Where temporary copies go: inside Palisade's data directory, never elsewhere. */
    public record ScratchSpace(Path dir) {

        Path create() throws IOException {
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, "catalogue-");
        }
    }
}
