package dev.palisade.source;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.inventory.SourceLocation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved inventory: a versioned JSON file (gzip-compressed when its name ends in {@code .gz}) holding the
 * objects as loaded (Secret values already dropped), where each came from, and the load problems.
 *
 * <pre>{"format":"palisade-snapshot","version":1,"createdAt":...,"cluster":...,"sources":[...],
 *  "problems":[{"level","origin","document","line","message"}],
 *  "objects":[{"source":{"origin","document","line"},"object":{...}}]}</pre>
 */
public final class SnapshotFile {

    public static final String FORMAT = "palisade-snapshot";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SnapshotFile() {
    }

    /** Writes atomically: a partial file never replaces a good one. */
    public static void save(Snapshot snapshot, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".palisade-snapshot", ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(temp);
                 OutputStream out = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
                write(snapshot, out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void write(Snapshot snapshot, OutputStream out) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("format", FORMAT);
            json.writeNumberProperty("version", VERSION);
            json.writeStringProperty("createdAt", snapshot.info().loadedAt().toString());
            json.writeStringProperty("cluster", snapshot.info().cluster());
            json.writeArrayPropertyStart("sources");
            for (String source : snapshot.info().sources()) {
                json.writeString(source);
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("problems");
            for (InputProblem problem : snapshot.problems()) {
                json.writeStartObject();
                json.writeStringProperty("level", problem.level().name());
                writeLocation(json, problem.location());
                json.writeStringProperty("message", problem.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("objects");
            for (KubeObject object : snapshot.objects()) {
                json.writeStartObject();
                json.writeName("source");
                json.writeStartObject();
                writeLocation(json, object.source());
                json.writeEndObject();
                json.writeName("object");
                json.writeTree(InventoryBuilder.SERIALIZATION.convertValue(object.resource(), JsonNode.class));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeLocation(JsonGenerator json, SourceLocation location) {
        json.writeStringProperty("origin", location.origin());
        json.writeNumberProperty("document", location.document());
        json.writeNumberProperty("line", location.line());
    }

    /** Reads a snapshot file; a file that is not one (or of an unknown version) is a {@link SourceException}. */
    public static Snapshot load(Path file) {
        JsonNode root;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            InputStream in = first == 0x1f && second == 0x8b ? new GZIPInputStream(raw) : raw;
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new SourceException(file + ": " + ManifestSource.reason(e));
        } catch (JacksonException e) {
            throw new SourceException(file + ": not a Palisade snapshot (invalid JSON at line "
                    + (e.getLocation() == null ? 0 : e.getLocation().getLineNr()) + ")");
        }
        if (!FORMAT.equals(root.path("format").asString(""))) {
            throw new SourceException(file + ": not a Palisade snapshot (no \"format\": \"" + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new SourceException(file + ": snapshot version " + version + " is not supported (this Palisade reads"
                    + " version " + VERSION + ")");
        }
        List<InputProblem> problems = new ArrayList<>();
        for (JsonNode problem : root.path("problems")) {
            problems.add(new InputProblem(InputProblem.Level.valueOf(problem.path("level").asString("ERROR")),
                    location(problem), problem.path("message").asString("")));
        }
        List<RawDocument> documents = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("objects")) {
            index++;
            if (entry.get("object") instanceof ObjectNode object) {
                documents.add(new RawDocument(location(entry.path("source")), object));
            } else {
                problems.add(InputProblem.error(new SourceLocation(file.toString(), index, 0),
                        "snapshot entry " + index + " has no object"));
            }
        }
        List<String> sources = new ArrayList<>();
        root.path("sources").forEach(s -> sources.add(s.asString("")));
        Instant createdAt;
        try {
            createdAt = Instant.parse(root.path("createdAt").asString(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new SourceException(file + ": snapshot has no valid createdAt");
        }
        SnapshotInfo info = new SnapshotInfo(sources, root.path("cluster").asString(""), createdAt);
        return InventoryBuilder.build(info, documents, problems);
    }

    private static SourceLocation location(JsonNode node) {
        return new SourceLocation(node.path("origin").asString(""), node.path("document").asInt(0),
                node.path("line").asInt(0));
    }
}
