package dev.palisade.source;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.RawDocument;
import dev.palisade.scan.Enforcement;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code palisade.yaml} (docs/configuration.md). Unknown keys and wrong values are errors naming the file
 * and key, so a typo never silently changes what is checked. Policy directories are relative to the file.
 */
public final class ConfigFile {

    /** The file Palisade reads from the working directory when no --config is given. */
    public static final String DEFAULT_NAME = "palisade.yaml";

    private static final Set<String> TOP = Set.of("trustedRegistries", "ownerKeys", "systemNamespaces", "policies",
            "teams");
    private static final Set<String> TEAM_RULE = Set.of("team", "namespaces", "labels");
    private static final Set<String> POLICIES = Set.of("directories", "disable", "enable", "severity", "enforcement");

    private ConfigFile() {
    }

    public static ScanConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SourceException(file + ": " + ManifestSource.reason(e));
        }
        ManifestParser.Result<RawDocument> parsed = new ManifestParser(1 << 20).parse(file.toString(), text, false);
        if (!parsed.problems().isEmpty()) {
            InputProblem problem = parsed.problems().get(0);
            throw new SourceException(problem.location() + ": " + problem.message());
        }
        if (parsed.items().isEmpty()) {
            return ScanConfig.defaults();
        }
        JsonNode root = parsed.items().get(0).body();
        checkKeys(file, root, TOP, "");
        JsonNode policies = root.path("policies");
        if (!policies.isMissingNode()) {
            checkKeys(file, policies, POLICIES, "policies.");
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> directories = strings(file, policies.path("directories"), "policies.directories").stream()
                .map(d -> base.resolve(d).normalize().toString()).toList();
        Map<String, Severity> severities = new LinkedHashMap<>();
        map(file, policies.path("severity"), "policies.severity").forEach((id, value) ->
                severities.put(id, parse(file, "policies.severity." + id, () -> Severity.parse(value))));
        Map<String, Enforcement> enforcement = new LinkedHashMap<>();
        map(file, policies.path("enforcement"), "policies.enforcement").forEach((id, value) ->
                enforcement.put(id, parse(file, "policies.enforcement." + id,
                        () -> Enforcement.valueOf(value.trim().toUpperCase(Locale.ROOT)))));
        return new ScanConfig(strings(file, root.path("trustedRegistries"), "trustedRegistries"),
                strings(file, root.path("ownerKeys"), "ownerKeys"),
                new LinkedHashSet<>(strings(file, root.path("systemNamespaces"), "systemNamespaces")),
                new ScanConfig.PolicySettings(directories,
                        new LinkedHashSet<>(strings(file, policies.path("disable"), "policies.disable")),
                        new LinkedHashSet<>(strings(file, policies.path("enable"), "policies.enable")),
                        severities, enforcement),
                teams(file, root.path("teams")), List.of(), null);
    }

    /** {@code teams: [{team: payments, namespaces: [pay-*], labels: {app: checkout*}}]}. */
    private static List<ScanConfig.TeamRule> teams(Path file, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new SourceException(file + ": 'teams' must be a list of {team, namespaces, labels}");
        }
        List<ScanConfig.TeamRule> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "teams[" + i + "]";
            JsonNode item = node.get(i);
            checkKeys(file, item, TEAM_RULE, where + ".");
            String team = item.path("team").asString("").trim();
            if (team.isEmpty()) {
                throw new SourceException(file + ": '" + where + ".team' is required");
            }
            List<String> namespaces = strings(file, item.path("namespaces"), where + ".namespaces");
            Map<String, String> labels = map(file, item.path("labels"), where + ".labels");
            if (namespaces.isEmpty() && labels.isEmpty()) {
                throw new SourceException(file + ": '" + where + "' needs namespaces or labels to match");
            }
            rules.add(new ScanConfig.TeamRule(team, namespaces, labels));
        }
        return rules;
    }

    private static void checkKeys(Path file, JsonNode node, Set<String> allowed, String prefix) {
        if (!node.isObject()) {
            throw new SourceException(file + ": " + (prefix.isEmpty() ? "the file" : prefix.substring(0, prefix.length() - 1))
                    + " must be a mapping");
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new SourceException(file + ": unknown key '" + prefix + key + "' (expected one of "
                        + String.join(", ", allowed.stream().sorted().map(k -> prefix + k).toList()) + ")");
            }
        }
    }

    private static List<String> strings(Path file, JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new SourceException(file + ": '" + key + "' must be a list");
        }
        List<String> values = new ArrayList<>();
        node.forEach(item -> {
            if (!item.isValueNode()) {
                throw new SourceException(file + ": '" + key + "' must be a list of strings");
            }
            values.add(item.asString());
        });
        return values;
    }

    private static Map<String, String> map(Path file, JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new SourceException(file + ": '" + key + "' must be a mapping");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
        return values;
    }

    private static <T> T parse(Path file, String key, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new SourceException(file + ": '" + key + "': " + e.getMessage());
        }
    }
}
