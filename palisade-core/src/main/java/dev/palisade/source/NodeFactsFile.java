package dev.palisade.source;

import dev.palisade.compliance.Component;
import dev.palisade.compliance.NodeFacts;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Node facts as JSON (docs/compliance.md, "Node facts"): what {@code palisade node-facts} writes and
 * {@code --node-facts DIR} reads, one file per node. Invalid JSON is an error naming the file and line; a file
 * that is JSON but not node facts names the file and the field.
 */
public final class NodeFactsFile {

    public static final String API_VERSION = "palisade.dev/v1";
    public static final String KIND = "NodeFacts";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NodeFactsFile() {
    }

    /** Every {@code *.json} file of a directory (or the one file named), sorted; node names must be unique. */
    public static List<NodeFacts> readAll(Path path) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new SourceException(path + ": " + ManifestSource.reason(e));
            }
            if (files.isEmpty()) {
                throw new SourceException(path + ": no node facts (*.json) in this directory");
            }
        } else {
            files = List.of(path);
        }
        List<NodeFacts> facts = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SourceException(file + ": " + ManifestSource.reason(e));
            }
            NodeFacts node = parse(file.toString(), text);
            String previous = origins.putIfAbsent(node.node(), file.toString());
            if (previous != null) {
                throw new SourceException(file + ": node " + node.node() + " is also described by " + previous);
            }
            facts.add(node);
        }
        return facts;
    }

    public static NodeFacts parse(String origin, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SourceException(origin + ": line " + line + ": invalid JSON: "
                    + dev.palisade.inventory.InputText.safeMessage(e.getOriginalMessage()));
        }
        Fields fields = new Fields(origin);
        if (!KIND.equals(root.path("kind").asString(""))) {
            throw fields.invalid("kind", "expected " + KIND + " (written by palisade node-facts)");
        }
        List<NodeFacts.Process> processes = new ArrayList<>();
        JsonNode processList = fields.array(root, "processes");
        for (int i = 0; i < processList.size(); i++) {
            JsonNode process = processList.get(i);
            String at = "processes[" + i + "]";
            Component component;
            try {
                component = Component.parse(fields.text(process, at + ".component"));
            } catch (IllegalArgumentException e) {
                throw fields.invalid(at + ".component", e.getMessage());
            }
            List<String> args = new ArrayList<>();
            fields.array(process, at + ".args").forEach(a -> args.add(a.asString()));
            processes.add(new NodeFacts.Process(component, process.path("executable").asString(""), args));
        }
        NodeFacts.KubeletConfig kubeletConfig = null;
        JsonNode config = root.path("kubeletConfig");
        if (config.isObject()) {
            kubeletConfig = new NodeFacts.KubeletConfig(fields.text(config, "kubeletConfig.path"),
                    config.path("content"));
        }
        List<NodeFacts.FileFact> files = new ArrayList<>();
        JsonNode fileList = fields.array(root, "files");
        for (int i = 0; i < fileList.size(); i++) {
            files.add(file(fileList.get(i), "files[" + i + "]", fields));
        }
        List<String> problems = new ArrayList<>();
        root.path("problems").forEach(p -> problems.add(p.asString()));
        Instant collectedAt;
        try {
            collectedAt = Instant.parse(fields.text(root, "collectedAt"));
        } catch (DateTimeParseException e) {
            throw fields.invalid("collectedAt", "expected an instant such as 2026-01-01T00:00:00Z");
        }
        return new NodeFacts(fields.text(root, "node"), origin, collectedAt, root.path("controlPlane").asBoolean(false),
                processes, kubeletConfig, files, problems);
    }

    private static NodeFacts.FileFact file(JsonNode file, String at, Fields fields) {
        String role = fields.text(file, at + ".role");
        String path = fields.text(file, at + ".path");
        if (!file.path("exists").asBoolean(false)) {
            return NodeFacts.FileFact.absent(role, path);
        }
        String permissions = fields.text(file, at + ".permissions");
        if (!permissions.matches("[0-7]{1,4}")) {
            throw fields.invalid(at + ".permissions", "expected octal permissions such as 600");
        }
        return new NodeFacts.FileFact(role, path, true, fields.text(file, at + ".type"),
                Integer.parseInt(permissions, 8), fields.text(file, at + ".owner"), fields.text(file, at + ".group"));
    }

    /** Required fields, with errors naming the file and the field. */
    private record Fields(String origin) {

        String text(JsonNode parent, String path) {
            JsonNode node = parent.path(path.substring(path.lastIndexOf('.') + 1));
            if (!node.isString() || node.asString().isEmpty()) {
                throw invalid(path, "missing (a non-empty string is required)");
            }
            return node.asString();
        }

        JsonNode array(JsonNode parent, String path) {
            JsonNode node = parent.path(path.substring(path.lastIndexOf('.') + 1));
            if (!node.isArray()) {
                throw invalid(path, "missing (a list is required)");
            }
            return node;
        }

        SourceException invalid(String path, String message) {
            return new SourceException(origin + ": field " + path + ": " + message);
        }
    }

    public static void write(NodeFacts facts, Writer out) throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", API_VERSION);
        root.put("kind", KIND);
        root.put("node", facts.node());
        root.put("collectedAt", facts.collectedAt().toString());
        root.put("controlPlane", facts.controlPlane());
        ArrayNode processes = root.putArray("processes");
        for (NodeFacts.Process process : facts.processes()) {
            ObjectNode node = processes.addObject();
            node.put("component", process.component().binary);
            node.put("executable", process.executable());
            ArrayNode args = node.putArray("args");
            process.args().forEach(args::add);
        }
        if (facts.kubeletConfig() == null) {
            root.putNull("kubeletConfig");
        } else {
            root.putObject("kubeletConfig").put("path", facts.kubeletConfig().path())
                    .set("content", facts.kubeletConfig().content());
        }
        ArrayNode files = root.putArray("files");
        for (NodeFacts.FileFact file : facts.files()) {
            ObjectNode node = files.addObject().put("role", file.role()).put("path", file.path())
                    .put("exists", file.exists());
            if (file.exists()) {
                node.put("type", file.type()).put("permissions", file.octal()).put("owner", file.owner())
                        .put("group", file.group());
            }
        }
        ArrayNode problems = root.putArray("problems");
        facts.problems().forEach(problems::add);
        JSON.writeValue(out, root);
        out.write('\n');
    }
}
