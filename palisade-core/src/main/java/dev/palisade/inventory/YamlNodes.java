package dev.palisade.inventory;

import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Reading Palisade's own YAML formats (policies, compliance catalogues) as snakeyaml-engine nodes, so that every
 * problem names its line: strings only (the failsafe schema, so {@code on: no} stays text), duplicate keys refused.
 */
public final class YamlNodes {

    private static final LoadSettings SETTINGS = LoadSettings.builder().setSchema(new FailsafeSchema())
            .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10).build();

    private YamlNodes() {
    }

    /** Every document of a YAML text; throws snakeyaml's (marked) exceptions on invalid YAML. */
    public static Iterable<Node> documents(String text) {
        return new Compose(SETTINGS).composeAllFromString(text);
    }

    /** The first document of a YAML text, empty when there is none (a file of comments). */
    public static java.util.Optional<Node> firstDocument(String text) {
        java.util.Iterator<Node> documents = documents(text).iterator();
        return documents.hasNext() ? java.util.Optional.of(documents.next()) : java.util.Optional.empty();
    }

    /** The 1-based line a node starts on, 0 when unknown. */
    public static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** A problem at a node; thrown or collected, then reported with its line. */
    public static final class Invalid extends RuntimeException {
        private final int line;

        public Invalid(Node node, String message) {
            super(message);
            this.line = YamlNodes.line(node);
        }

        public int line() {
            return line;
        }
    }

    /** A mapping's entries by key; keys outside {@code allowed} (when given) are problems. */
    public static Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw new Invalid(node, what + " must be a mapping");
        }
        Map<String, Node> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new Invalid(tuple.getKeyNode(), "keys must be plain strings");
            }
            if (allowed != null && !allowed.contains(key.getValue())) {
                throw new Invalid(key, "unknown key '" + key.getValue() + "' in " + what + " (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            map.put(key.getValue(), tuple.getValueNode());
        }
        return map;
    }

    /** Scalar and list access that records problems instead of stopping at the first. */
    public record Values(List<Invalid> invalid) {

        public String text(Node node) {
            if (node == null) {
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            invalid.add(new Invalid(node, "expected a single value"));
            return null;
        }

        public String required(Map<String, Node> map, String key, Node parent) {
            String value = text(map.get(key));
            if (value == null || value.isBlank()) {
                invalid.add(new Invalid(map.getOrDefault(key, parent), "missing required key '" + key + "'"));
                return null;
            }
            return value;
        }

        public <T> T get(Map<String, Node> map, String key, Function<String, T> parse, T fallback) {
            Node node = map.get(key);
            String text = text(node);
            if (text == null) {
                return fallback;
            }
            T value = convert(node, parse, null);
            return value == null ? fallback : value;
        }

        public <T> T convert(Node node, Function<String, T> parse, String message) {
            String text = text(node);
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                invalid.add(new Invalid(node, message != null ? message : e.getMessage()));
                return null;
            }
        }

        public List<Node> list(Node node) {
            if (node == null) {
                return List.of();
            }
            if (node instanceof SequenceNode sequence) {
                return sequence.getValue();
            }
            if (node instanceof ScalarNode) {
                return List.of(node);
            }
            invalid.add(new Invalid(node, "expected a list"));
            return List.of();
        }

        public List<String> strings(Node node) {
            return list(node).stream().map(this::text).filter(java.util.Objects::nonNull).toList();
        }
    }

    /** {@code true} or {@code false}, in any case; anything else is an error. */
    public static boolean bool(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
    }
}
