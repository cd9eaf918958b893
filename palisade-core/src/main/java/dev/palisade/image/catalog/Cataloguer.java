package dev.palisade.image.catalog;

import java.io.IOException;
import java.util.List;

/**
 * Finds packages in one kind of file. The analyser offers every regular file of every layer to {@link #wants};
 * the files wanted are streamed to {@link #parse} once, as their layer is read.
 */
public interface Cataloguer {

    /** True when {@code file} (path relative to the image root, no leading slash) holds packages for this one. */
    boolean wants(FileEntry file);

    /**
     * The packages in {@code file}. Packages carry their {@code location}; the analyser fills {@code layer} and
     * {@code purl}.
     *
     * @throws IOException or a runtime exception when the file is malformed; the analyser reports it and goes on
     */
    List<ImagePackage> parse(FileContent file) throws IOException;

    /**
     * A file's name, size and permission bits, as its tar header states them.
     *
     * @param path relative to the image root, no leading slash
     * @param size bytes
     * @param mode permission bits
     */
    record FileEntry(String path, long size, int mode) {

        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        public boolean executable() {
            return (mode & 0111) != 0;
        }
    }
}
