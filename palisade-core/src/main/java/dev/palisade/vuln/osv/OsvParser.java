package dev.palisade.vuln.osv;

import dev.palisade.vuln.osv.OsvRecord.Affected;
import dev.palisade.vuln.osv.OsvRecord.Event;
import dev.palisade.vuln.osv.OsvRecord.EventKind;
import dev.palisade.vuln.osv.OsvRecord.Range;
import dev.palisade.vuln.osv.OsvRecord.RangeType;
import dev.palisade.vuln.osv.OsvRecord.Score;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads OSV JSON documents into {@link OsvRecord}s, keeping only what matching and reporting use. */
public final class OsvParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PLACEHOLDER_YEAR = 1;

    private OsvParser() {
    }

    /**
     * Parses one OSV document.
     *
     * @param source names the document in errors (a file, an archive entry, a URL)
     * @throws OsvFormatException when it is not JSON, has no id, or a field has the wrong shape
     */
    public static OsvRecord parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new OsvFormatException(source, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new OsvFormatException(source, "not a JSON object");
        }
        String id = text(root, "id");
        if (id == null || id.isBlank()) {
            throw new OsvFormatException(source, "no id");
        }
        String where = source + " (" + id + ")";
        List<Affected> affected = new ArrayList<>();
        for (JsonNode node : array(root, "affected", where)) {
            affected.add(affected(node, where));
        }
        return new OsvRecord(id, strings(root, "aliases", where), strings(root, "upstream", where),
                text(root, "summary"), time(root, "published", where), time(root, "modified", where),
                time(root, "withdrawn", where), scores(root, where), text(root.path("database_specific"), "severity"),
                affected);
    }

    private static Affected affected(JsonNode node, String where) {
        JsonNode pkg = node.path("package");
        String ecosystem = text(pkg, "ecosystem");
        String name = text(pkg, "name");
        if (ecosystem == null || name == null) {
            throw new OsvFormatException(where, "an affected entry has no package ecosystem or name");
        }
        List<Range> ranges = new ArrayList<>();
        for (JsonNode range : array(node, "ranges", where)) {
            String type = text(range, "type");
            if (type == null) {
                throw new OsvFormatException(where, "a range of " + name + " has no type");
            }
            if (type.equals("ECOSYSTEM") || type.equals("SEMVER")) {
                ranges.add(new Range(RangeType.valueOf(type), events(range, name, where)));
            }
        }
        String vendorSeverity = firstText(node.path("ecosystem_specific"), node.path("database_specific"));
        return new Affected(ecosystem, name, text(pkg, "purl"), ranges, strings(node, "versions", where),
                scores(node, where), vendorSeverity);
    }

    private static List<Event> events(JsonNode range, String name, String where) {
        List<Event> events = new ArrayList<>();
        for (JsonNode event : array(range, "events", where)) {
            Event parsed = null;
            for (EventKind kind : EventKind.values()) {
                String version = text(event, kind.key());
                if (version != null) {
                    parsed = new Event(kind, version);
                }
            }
            if (parsed == null) {
                throw new OsvFormatException(where, "a range event of " + name + " has none of introduced, fixed,"
                        + " last_affected, limit: " + event);
            }
            events.add(parsed);
        }
        return events;
    }

    /** The first of {@code severity} or {@code urgency} in these objects (Debian calls its rating urgency). */
    private static String firstText(JsonNode... objects) {
        for (JsonNode object : objects) {
            for (String key : List.of("severity", "urgency")) {
                String value = text(object, key);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static List<Score> scores(JsonNode node, String where) {
        List<Score> scores = new ArrayList<>();
        for (JsonNode score : array(node, "severity", where)) {
            String type = text(score, "type");
            String value = text(score, "score");
            if (type != null && value != null) {
                scores.add(new Score(type, value));
            }
        }
        return scores;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new OsvFormatException(where, "'" + field + "' is not an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(node, field, where)) {
            if (!value.isString()) {
                throw new OsvFormatException(where, "'" + field + "' holds a non-string: " + value);
            }
            values.add(value.asString());
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static Instant time(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value);
            return time.getYear() == PLACEHOLDER_YEAR ? null : time.toInstant();
        } catch (DateTimeException e) {
            throw new OsvFormatException(where, "'" + field + "' is not an RFC 3339 time: " + value);
        }
    }
}
