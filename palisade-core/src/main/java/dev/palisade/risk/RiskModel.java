package dev.palisade.risk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The weights of the risk score, read from {@code risk/model.yaml}: per factor its weight in points and, for
 * factors fed by findings, how much each check counts; per criticality level its multiplier.
 */
public record RiskModel(Map<String, Factor> factors, Map<String, Double> criticality) {

    /** A factor: {@code weight} points at value 1; {@code signals} maps check ids to values. */
    public record Factor(String name, double weight, String description, Map<String, Double> signals) {
    }

    public RiskModel {
        factors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors));
        criticality = Map.copyOf(criticality);
    }

    private static final RiskModel DEFAULT = load();

    public static RiskModel defaults() {
        return DEFAULT;
    }

    public Factor factor(String name) {
        Factor factor = factors.get(name);
        if (factor == null) {
            throw new IllegalStateException("risk/model.yaml has no factor '" + name + "'");
        }
        return factor;
    }

    private static RiskModel load() {
        try (InputStream in = RiskModel.class.getResourceAsStream("/risk/model.yaml")) {
            if (in == null) {
                throw new IllegalStateException("risk/model.yaml is missing from the classpath");
            }
            JsonNode root = YAMLMapper.builder().build().readTree(in);
            Map<String, Factor> factors = new LinkedHashMap<>();
            for (JsonNode node : root.path("factors")) {
                Map<String, Double> signals = new LinkedHashMap<>();
                node.path("signals").properties().forEach(e -> signals.put(e.getKey(), e.getValue().asDouble()));
                String name = node.path("name").asString();
                factors.put(name, new Factor(name, node.path("weight").asDouble(), node.path("description").asString(),
                        Map.copyOf(signals)));
            }
            Map<String, Double> criticality = new LinkedHashMap<>();
            root.path("criticality").properties().forEach(e -> criticality.put(e.getKey(), e.getValue().asDouble()));
            return new RiskModel(factors, criticality);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Factor names in model order. */
    public List<String> names() {
        return List.copyOf(factors.keySet());
    }
}
