package dev.palisade.source;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InputText;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns manifest text (multi-document YAML, or JSON) into raw documents that keep their line numbers.
 * {@code *List} kinds are expanded into their items, each with its own line. Each document is parsed on
 * its own, so one malformed document never loses the others.
 *
 * <p>Error messages carry the problem and its position but never a snippet of the input: the input may
 * be a Secret.
 */
public final class ManifestParser {

    /** Upper bound on the nodes one document may expand to through YAML aliases (alias bombs). */
    static final int MAX_NODES_PER_DOCUMENT = 2_000_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();

    private final LoadSettings settings;

    public ManifestParser(int maxDocumentChars) {
        this.settings = LoadSettings.builder()
                .setSchema(new FailsafeSchema()) // plain scalars are typed by CoreScalars: faster than regexes
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(maxDocumentChars)
                .setAllowRecursiveKeys(false)
                .build();
    }

    /**
     * The result of parsing one input: what each document that parsed became, and a problem for each that did
     * not.
     */
    public record Result<T>(List<T> items, List<InputProblem> problems) {
    }

    /** Parses {@code text}; {@code json} selects the JSON reader (a stream of one or more JSON values). */
    public Result<RawDocument> parse(String origin, String text, boolean json) {
        return parse(origin, text, json, Function.identity());
    }

    /**
     * Parses {@code text} and hands each document to {@code each} as soon as it is parsed, so its tree can be
     * dropped right away. YAML documents are parsed in parallel; the result keeps their order.
     */
    public <T> Result<T> parse(String origin, String text, boolean json, Function<RawDocument, T> each) {
        if (json) {
            List<RawDocument> documents = new ArrayList<>();
            List<InputProblem> problems = new ArrayList<>();
            parseJson(origin, text, documents, problems);
            return new Result<>(documents.stream().map(each).toList(), problems);
        }
        List<DocumentText> texts = splitYaml(text);
        List<Result<T>> parsed = IntStream.range(0, texts.size()).parallel().mapToObj(i -> {
            List<RawDocument> documents = new ArrayList<>(1);
            List<InputProblem> problems = new ArrayList<>(0);
            parseYamlDocument(origin, i + 1, texts.get(i), documents, problems);
            return new Result<>(documents.stream().map(each).toList(), problems);
        }).toList();
        List<T> items = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (Result<T> result : parsed) {
            items.addAll(result.items());
            problems.addAll(result.problems());
        }
        return new Result<>(items, problems);
    }

    /** True when text looks like JSON rather than YAML (used for stdin, which has no file name). */
    public static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    // ---- YAML ----

    record DocumentText(String text, int firstLine) {
    }

    /**
     * Splits a YAML stream at document markers the way kubectl does: a line starting with {@code ---}
     * starts a new document, a line {@code ...} ends one. Blank or comment-only documents are dropped.
     */
    static List<DocumentText> splitYaml(String text) {
        List<DocumentText> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentStart = 1;
        int lineNumber = 0;
        int position = 0;
        while (position <= text.length()) {
            int end = text.indexOf('\n', position);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(position, end);
            lineNumber++;
            boolean start = isMarker(line, "---");
            boolean stop = isMarker(line, "...");
            if (start || stop) {
                addDocument(documents, current, currentStart);
                current.setLength(0);
                currentStart = lineNumber + 1;
                String inline = start ? line.substring(3).strip() : "";
                if (!inline.isEmpty() && !inline.startsWith("#")) {
                    // "--- {a: b}" or "--- |" style: keep the content, padded to its column.
                    current.append(" ".repeat(3)).append(line.substring(3)).append('\n');
                    currentStart = lineNumber;
                }
            } else {
                current.append(line).append('\n');
            }
            position = end + 1;
        }
        addDocument(documents, current, currentStart);
        return documents;
    }

    private static boolean isMarker(String line, String marker) {
        if (!line.startsWith(marker)) {
            return false;
        }
        return line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '\t' || line.charAt(3) == '\r';
    }

    private static void addDocument(List<DocumentText> documents, StringBuilder text, int firstLine) {
        for (String line : text.toString().split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("%")) {
                documents.add(new DocumentText(text.toString(), firstLine));
                return;
            }
        }
    }

    private void parseYamlDocument(String origin, int index, DocumentText document, List<RawDocument> out,
                                   List<InputProblem> problems) {
        SourceLocation location = new SourceLocation(origin, index, document.firstLine());
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(document.text());
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(0) + document.firstLine();
            String column = e.getProblemMark().map(m -> ", column " + (m.getColumn() + 1)).orElse("");
            problems.add(InputProblem.error(location.withLine(line),
                    "invalid YAML: " + describe(e) + column));
            return;
        } catch (YamlEngineException | IllegalStateException | StackOverflowError e) {
            problems.add(InputProblem.error(location, "invalid YAML: " + InputText.safeMessage(e.getMessage())));
            return;
        }
        if (root.isEmpty()) {
            return;
        }
        JsonNode tree;
        try {
            tree = new NodeConverter(document.firstLine()).convert(root.get());
        } catch (ShapeException e) {
            problems.add(InputProblem.error(e.line > 0 ? location.withLine(e.line) : location,
                    "invalid YAML: " + e.getMessage()));
            return;
        }
        int rootLine = lineOf(root.get(), document.firstLine());
        emit(location.withLine(rootLine), tree, itemLines(root.get(), document.firstLine()), out, problems);
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        String context = e.getContext();
        return InputText.safeMessage(context == null || context.isBlank() ? problem : context + ": " + problem);
    }

    private static int lineOf(Node node, int firstLine) {
        return node.getStartMark().map(m -> m.getLine() + firstLine).orElse(firstLine);
    }

    /** Lines of the items of a {@code *List} document, when the document is one. */
    private static List<Integer> itemLines(Node root, int firstLine) {
        List<Integer> lines = new ArrayList<>();
        if (root instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("items")
                        && tuple.getValueNode() instanceof SequenceNode items) {
                    for (Node item : items.getValue()) {
                        lines.add(lineOf(item, firstLine));
                    }
                }
            }
        }
        return lines;
    }

    /** A document that parses as YAML but cannot be a JSON tree (or is too large once expanded). */
    private static final class ShapeException extends RuntimeException {
        private final int line;

        ShapeException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** Converts a composed YAML node graph into a JSON tree, expanding aliases within a node budget. */
    private static final class NodeConverter {
        private final int firstLine;
        private int nodes;

        NodeConverter(int firstLine) {
            this.firstLine = firstLine;
        }

        JsonNode convert(Node node) {
            if (++nodes > MAX_NODES_PER_DOCUMENT) {
                throw new ShapeException(0, "document expands to more than " + MAX_NODES_PER_DOCUMENT
                        + " nodes through aliases (an alias bomb?)");
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = NODES.arrayNode(sequence.getValue().size());
                for (Node item : sequence.getValue()) {
                    array.add(convert(item));
                }
                return array;
            }
            MappingNode mapping = (MappingNode) node;
            ObjectNode object = NODES.objectNode();
            List<Node> merges = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode key)) {
                    throw new IllegalArgumentException("line " + lineOf(keyNode, firstLine)
                            + ": mapping keys must be scalars");
                }
                if (key.getTag().equals(Tag.MERGE) || (key.isPlain() && key.getValue().equals("<<"))) {
                    merges.add(tuple.getValueNode());
                    continue;
                }
                if (object.has(key.getValue())) {
                    throw new ShapeException(lineOf(key, firstLine), "duplicate key \"" + key.getValue() + "\"");
                }
                object.set(key.getValue(), convert(tuple.getValueNode()));
            }
            for (Node merge : merges) {
                List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
                for (Node source : sources) {
                    if (convert(source) instanceof ObjectNode merged) {
                        for (Map.Entry<String, JsonNode> entry : merged.properties()) {
                            if (!object.has(entry.getKey())) {
                                object.set(entry.getKey(), entry.getValue());
                            }
                        }
                    }
                }
            }
            return object;
        }

        private static JsonNode scalar(ScalarNode scalar) {
            String value = scalar.getValue();
            if (!scalar.isPlain()) {
                return NODES.textNode(value);
            }
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.STR)) {
                return CoreScalars.resolve(value);
            }
            // An explicit tag (!!int, !!bool, ...) or a custom one (kept as text).
            if (tag.equals(Tag.NULL)) {
                return NODES.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return NODES.booleanNode(value.equalsIgnoreCase("true"));
            }
            JsonNode resolved = CoreScalars.resolve(value);
            boolean fits = (tag.equals(Tag.INT) && resolved.isIntegralNumber())
                    || (tag.equals(Tag.FLOAT) && resolved.isNumber());
            return fits ? resolved : NODES.textNode(value);
        }
    }

    // ---- JSON ----

    private void parseJson(String origin, String text, List<RawDocument> out, List<InputProblem> problems) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            int index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                index++;
                int line = parser.currentTokenLocation().getLineNr();
                SourceLocation location = new SourceLocation(origin, index, line);
                List<Integer> itemLines = new ArrayList<>();
                JsonNode tree = readJson(parser, token, 0, itemLines, false);
                emit(location, tree, itemLines, out, problems);
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String column = e.getLocation() == null ? "" : ", column " + e.getLocation().getColumnNr();
            problems.add(InputProblem.error(new SourceLocation(origin, 0, Math.max(line, 0)),
                    "invalid JSON: " + InputText.safeMessage(e.getOriginalMessage()) + column));
        }
    }

    /** Builds a tree from the token stream, recording the lines of a top-level {@code items} array. */
    private static JsonNode readJson(JsonParser parser, JsonToken token, int depth, List<Integer> itemLines,
                                     boolean inItems) {
        switch (token) {
            case START_OBJECT -> {
                if (inItems) {
                    itemLines.add(parser.currentTokenLocation().getLineNr());
                }
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    boolean items = depth == 0 && name.equals("items") && value == JsonToken.START_ARRAY;
                    object.set(name, readJson(parser, value, depth + 1, itemLines, items));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(readJson(parser, next, depth + 1, itemLines, inItems));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getString());
            }
            case VALUE_NUMBER_INT -> {
                return CoreScalars.integerNode(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    // ---- shared ----

    /**
     * Items of a typed list as the API server returns it ({@code PodList}, {@code NamespaceList}) carry no kind
     * or apiVersion of their own: they take the list's, as {@code kubectl} does. A plain {@code List} says nothing.
     */
    private static void inheritTypeFromList(ObjectNode list, String listKind, ObjectNode item) {
        if (listKind.equals("List")) {
            return;
        }
        if (item.path("kind").asString("").isEmpty()) {
            item.put("kind", listKind.substring(0, listKind.length() - "List".length()));
        }
        String apiVersion = list.path("apiVersion").asString("");
        if (item.path("apiVersion").asString("").isEmpty() && !apiVersion.isEmpty()) {
            item.put("apiVersion", apiVersion);
        }
    }

    /** Emits a parsed document, expanding {@code *List} kinds into their items. */
    private static void emit(SourceLocation location, JsonNode tree, List<Integer> itemLines, List<RawDocument> out,
                             List<InputProblem> problems) {
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return;
        }
        if (!(tree instanceof ObjectNode object)) {
            problems.add(InputProblem.error(location, "not a Kubernetes object: the document is a "
                    + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not a mapping"));
            return;
        }
        String kind = object.path("kind").asString("");
        JsonNode items = object.get("items");
        if (kind.endsWith("List") && items != null && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                int line = i < itemLines.size() ? itemLines.get(i) : location.line();
                SourceLocation itemLocation = location.withLine(line);
                if (items.get(i) instanceof ObjectNode item) {
                    inheritTypeFromList(object, kind, item);
                    out.add(new RawDocument(itemLocation, item));
                } else {
                    problems.add(InputProblem.error(itemLocation, "not a Kubernetes object: item " + (i + 1)
                            + " of " + kind + " is not a mapping"));
                }
            }
            return;
        }
        out.add(new RawDocument(location, object));
    }
}
