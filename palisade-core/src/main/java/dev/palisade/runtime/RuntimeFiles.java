package dev.palisade.runtime;

import dev.palisade.source.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads runtime files: Falco alerts (JSON lines, as {@code json_output: true} writes them, or a JSON array) and
 * process lists (JSON lines or array of {@code {namespace, pod, container, executable, user, lastSeen}}, or CSV
 * with that header). A bad line is reported with the file and line number and skipped; the rest is read.
 */
public final class RuntimeFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What was read, and what was wrong with the lines that were skipped. */
    public record Read<T>(List<T> items, List<String> problems) {
    }

    private RuntimeFiles() {
    }

    public static Read<RuntimeAlert> alerts(Path file) {
        return alerts(file.toString(), lines(file));
    }

    /** Alerts from text already read; {@code origin} names it in problems. */
    public static Read<RuntimeAlert> alerts(String origin, List<String> lines) {
        List<RuntimeAlert> alerts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        forEachJson(origin, lines, problems, (node, where) -> {
            String rule = node.path("rule").asString("");
            if (rule.isEmpty()) {
                problems.add(where + ": not a Falco alert (no 'rule')");
                return;
            }
            JsonNode fields = node.path("output_fields");
            List<String> tags = new ArrayList<>();
            node.path("tags").forEach(t -> tags.add(t.asString()));
            alerts.add(new RuntimeAlert(time(node.path("time").asString(""), where, problems), rule,
                    node.path("priority").asString(""), text(fields, "k8s.ns.name"), text(fields, "k8s.pod.name"),
                    text(fields, "container.name"), text(fields, "proc.name"), tags));
        });
        return new Read<>(alerts, problems);
    }

    public static Read<ProcessObservation> processes(Path file) {
        return processes(file.toString(), lines(file));
    }

    /** Processes from text already read; a name ending in {@code .csv} means CSV. */
    public static Read<ProcessObservation> processes(String origin, List<String> lines) {
        List<ProcessObservation> processes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String file = origin;
        if (origin.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            if (lines.isEmpty() || !lines.get(0).trim().startsWith("namespace,pod,container,executable")) {
                throw new SourceException(file + ": expected the CSV header namespace,pod,container,executable,user,lastSeen");
            }
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] f = lines.get(i).split(",", -1);
                String where = file + ": line " + (i + 1);
                if (f.length < 4 || f[0].isBlank() || f[1].isBlank() || f[3].isBlank()) {
                    problems.add(where + ": expected namespace,pod,container,executable[,user,lastSeen]");
                    continue;
                }
                processes.add(new ProcessObservation(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(),
                        f.length > 4 ? f[4].trim() : "", f.length > 5 ? time(f[5].trim(), where, problems) : null));
            }
            return new Read<>(processes, problems);
        }
        forEachJson(origin, lines, problems, (node, where) -> {
            String namespace = node.path("namespace").asString("");
            String pod = node.path("pod").asString("");
            String executable = node.path("executable").asString("");
            if (namespace.isEmpty() || pod.isEmpty() || executable.isEmpty()) {
                problems.add(where + ": a process needs namespace, pod and executable");
                return;
            }
            processes.add(new ProcessObservation(namespace, pod, node.path("container").asString(""), executable,
                    node.path("user").asString(""), time(node.path("lastSeen").asString(""), where, problems)));
        });
        return new Read<>(processes, problems);
    }

    private interface Each {
        void accept(JsonNode node, String where);
    }

    /** A JSON array, or one JSON object per line. */
    private static void forEachJson(String file, List<String> lines, List<String> problems, Each each) {
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
        if (first.startsWith("[")) {
            try {
                JsonNode array = JSON.readTree(String.join("\n", lines));
                for (int i = 0; i < array.size(); i++) {
                    each.accept(array.get(i), file + ": item " + (i + 1));
                }
            } catch (JacksonException e) {
                throw new SourceException(file + ": not a JSON array: " + e.getOriginalMessage());
            }
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + ": line " + (i + 1);
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                if (!node.isObject()) {
                    problems.add(where + ": not a JSON object");
                    continue;
                }
                each.accept(node, where);
            } catch (JacksonException e) {
                problems.add(where + ": not JSON (" + e.getOriginalMessage() + ")");
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString("");
    }

    private static Instant time(String text, String where, List<String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(where + ": time '" + text + "' is not ISO-8601; kept without a time");
            return null;
        }
    }
}
