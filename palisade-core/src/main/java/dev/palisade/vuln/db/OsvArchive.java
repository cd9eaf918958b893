package dev.palisade.vuln.db;

import dev.palisade.vuln.osv.OsvFormatException;
import dev.palisade.vuln.osv.OsvParser;
import dev.palisade.vuln.osv.OsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads OSV records from a directory of {@code .json} files (searched recursively) or a zip of them, such as
 * the {@code all.zip} osv.dev publishes per ecosystem. A document that cannot be read is reported, named by
 * its file or archive entry, and skipped; the others are kept.
 */
public final class OsvArchive {

    /** What was read: the records and one problem per skipped document. */
    public record Contents(List<OsvRecord> records, List<String> problems) {
        public Contents {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }
    }

    private OsvArchive() {
    }

    /** Reads a directory or a zip file. */
    public static Contents read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return readDirectory(path);
        }
        if (Files.isRegularFile(path)) {
            return readZip(path);
        }
        throw new IOException(path + ": no such file or directory");
    }

    private static Contents readDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
        List<OsvRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                records.add(OsvParser.parse(file.toString(), Files.readAllBytes(file)));
            } catch (OsvFormatException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            }
        }
        return new Contents(records, problems);
    }

    private static Contents readZip(Path zip) throws IOException {
        List<OsvRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
                    continue;
                }
                String source = zip + "!" + entry.getName();
                try (InputStream in = file.getInputStream(entry)) {
                    records.add(OsvParser.parse(source, in.readAllBytes()));
                } catch (OsvFormatException e) {
                    problems.add(e.getMessage());
                } catch (IOException | UncheckedIOException e) {
                    problems.add(source + ": cannot read: " + e.getMessage());
                }
            }
        } catch (ZipException e) {
            throw new IOException(zip + ": not a zip archive of OSV records (" + e.getMessage() + ")", e);
        }
        return new Contents(records, problems);
    }
}
