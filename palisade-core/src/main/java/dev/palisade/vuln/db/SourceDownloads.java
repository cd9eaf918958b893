package dev.palisade.vuln.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The downloaded archives, one per source URL, each with what the server said about it (ETag, Last-Modified)
 * so the next request is conditional. A download goes to a temporary file, is verified against the checksums
 * the server sends ({@code x-goog-hash: md5=...} as osv.dev's bucket sends, {@code Digest: sha-256=...},
 * {@code X-Checksum-Sha256}), and only then replaces the kept copy.
 */
final class SourceDownloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final Path directory;
    private final HttpClient client;
    private final Clock clock;

    SourceDownloads(Path directory, HttpClient client, Clock clock) {
        this.directory = directory;
        this.client = client;
        this.clock = clock;
    }

    SourceOutcome fetch(URI source) throws IOException {
        Files.createDirectories(directory);
        String name = StoreFile.sha256(source.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path archive = directory.resolve(name + ".zip");
        Path metadata = directory.resolve(name + ".json");
        Optional<SourceInfo> kept = Files.isRegularFile(archive) ? readMetadata(metadata) : Optional.empty();

        HttpRequest.Builder request = HttpRequest.newBuilder(source).timeout(REQUEST_TIMEOUT).GET();
        kept.map(SourceInfo::etag).ifPresent(etag -> request.header("If-None-Match", etag));
        kept.map(SourceInfo::lastModified).ifPresent(date -> request.header("If-Modified-Since", date));
        Path temporary = Files.createTempFile(directory, name + ".", ".download");
        try {
            HttpResponse<Path> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(temporary));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseUpdateException(source + ": download interrupted", e);
            } catch (IOException e) {
                throw new DatabaseUpdateException(source + ": download failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
            }
            if (response.statusCode() == 304) {
                if (kept.isEmpty()) {
                    throw new DatabaseUpdateException(source + ": server answered 304 Not Modified but no copy is kept");
                }
                return new SourceOutcome(source, SourceOutcome.Status.NOT_MODIFIED, kept.get(), archive);
            }
            if (response.statusCode() != 200) {
                throw new DatabaseUpdateException(source + ": HTTP " + response.statusCode());
            }
            String sha256 = verify(source, response, temporary);
            requireZip(source, temporary);
            SourceInfo info = new SourceInfo(source.toString(), sha256,
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS), 0, 0);
            StoreFile.moveAtomically(temporary, archive);
            writeMetadata(metadata, info);
            return new SourceOutcome(source, SourceOutcome.Status.DOWNLOADED, info, archive);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A download that is not a zip is never kept: its ETag would make every later request answer 304. */
    private static void requireZip(URI source, Path file) throws DatabaseUpdateException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.size();
        } catch (IOException e) {
            throw new DatabaseUpdateException(source + ": not a zip archive (" + e.getMessage() + ")", e);
        }
    }

    /** Checks every checksum the response states; returns the SHA-256 of the file (hex). */
    private static String verify(URI source, HttpResponse<Path> response, Path file) throws IOException {
        byte[] sha256 = digest(file, "SHA-256");
        for (String value : response.headers().allValues("x-goog-hash")) {
            for (String part : value.split(",")) {
                String entry = part.strip();
                if (entry.startsWith("md5=")) {
                    expect(source, "MD5 (x-goog-hash)", Base64.getDecoder().decode(entry.substring(4)),
                            digest(file, "MD5"));
                }
            }
        }
        for (String value : response.headers().allValues("Digest")) {
            for (String part : value.split(",")) {
                String entry = part.strip();
                if (entry.toLowerCase(Locale.ROOT).startsWith("sha-256=")) {
                    expect(source, "SHA-256 (Digest)", Base64.getDecoder().decode(entry.substring(8)), sha256);
                }
            }
        }
        Optional<String> hex = response.headers().firstValue("X-Checksum-Sha256");
        if (hex.isPresent()) {
            expect(source, "SHA-256 (X-Checksum-Sha256)", HexFormat.of().parseHex(hex.get().strip()), sha256);
        }
        return HexFormat.of().formatHex(sha256);
    }

    private static void expect(URI source, String what, byte[] stated, byte[] actual) throws DatabaseUpdateException {
        if (!MessageDigest.isEqual(stated, actual)) {
            throw new DatabaseUpdateException(source + ": checksum mismatch: the server states " + what + " "
                    + HexFormat.of().formatHex(stated) + ", the download has " + HexFormat.of().formatHex(actual));
        }
    }

    static byte[] digest(Path file, String algorithm) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static Optional<SourceInfo> readMetadata(Path metadata) {
        try {
            return Optional.of(StoreInfoJson.readSource(JSON.readTree(Files.readString(metadata))));
        } catch (IOException | JacksonException | java.time.DateTimeException e) {
            return Optional.empty(); // without its metadata the kept copy is downloaded again
        }
    }

    private void writeMetadata(Path metadata, SourceInfo info) throws IOException {
        Path temporary = Files.createTempFile(directory, metadata.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, JSON.writeValueAsString(StoreInfoJson.toJson(info)));
            StoreFile.moveAtomically(temporary, metadata);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
