package dev.palisade.vuln.db;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds OSV zip archives like osv.dev's {@code all.zip} from shared records, for tests. */
final class TestArchives {

    record Entry(String name, byte[] content) {
    }

    private TestArchives() {
    }

    static Entry entry(String name, String content) {
        return new Entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A zip of every {@code .json} file in {@code records} (flat, by file name) plus extra entries. */
    static Path zip(Path target, Path records, Entry... extra) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(records)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
            for (Entry entry : extra) {
                zip.putNextEntry(new ZipEntry(entry.name()));
                zip.write(entry.content());
                zip.closeEntry();
            }
        }
        return target;
    }
}
