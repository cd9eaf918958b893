package dev.palisade.vuln;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CVSS v3.0 or v3.1 base vector and its base score, by the specification's formula (FIRST CVSS v3.1
 * specification, section 7.1; v3.0 rounds up to one decimal directly, v3.1 with its Roundup function).
 *
 * @param vector the vector as given, e.g. {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H}
 * @param score  the base score, 0.0–10.0
 */
public record Cvss3(String vector, double score) {

    private static final List<String> BASE_METRICS = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");

    /** Parses a v3.x vector; temporal and environmental metrics are allowed and ignored. */
    public static Cvss3 parse(String vector) {
        String[] parts = vector.strip().split("/");
        boolean v30 = parts[0].equals("CVSS:3.0");
        if (!v30 && !parts[0].equals("CVSS:3.1")) {
            throw new IllegalArgumentException("not a CVSS v3 vector: " + vector);
        }
        Map<String, String> metrics = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] metric = parts[i].split(":", 2);
            if (metric.length != 2 || metrics.put(metric[0], metric[1]) != null) {
                throw new IllegalArgumentException("malformed or repeated metric '" + parts[i] + "' in " + vector);
            }
        }
        for (String name : BASE_METRICS) {
            if (!metrics.containsKey(name)) {
                throw new IllegalArgumentException("CVSS vector lacks base metric " + name + ": " + vector);
            }
        }
        boolean changed = switch (metrics.get("S")) {
            case "U" -> false;
            case "C" -> true;
            default -> throw bad(vector, "S");
        };
        double av = weight(vector, metrics, "AV", Map.of("N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2));
        double ac = weight(vector, metrics, "AC", Map.of("L", 0.77, "H", 0.44));
        double pr = weight(vector, metrics, "PR", changed ? Map.of("N", 0.85, "L", 0.68, "H", 0.5)
                : Map.of("N", 0.85, "L", 0.62, "H", 0.27));
        double ui = weight(vector, metrics, "UI", Map.of("N", 0.85, "R", 0.62));
        Map<String, Double> cia = Map.of("H", 0.56, "L", 0.22, "N", 0.0);
        double c = weight(vector, metrics, "C", cia);
        double i = weight(vector, metrics, "I", cia);
        double a = weight(vector, metrics, "A", cia);

        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return new Cvss3(vector, 0.0);
        }
        double raw = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
        return new Cvss3(vector, v30 ? Math.ceil(raw * 10) / 10 : roundUp(raw));
    }

    /** CVSS v3.1 Roundup: the smallest number with one decimal that is at least the input, free of float noise. */
    static double roundUp(double value) {
        long scaled = Math.round(value * 100000);
        if (scaled % 10000 == 0) {
            return scaled / 100000.0;
        }
        return (Math.floor(scaled / 10000.0) + 1) / 10.0;
    }

    public VulnSeverity severity() {
        return VulnSeverity.fromCvssScore(score);
    }

    private static double weight(String vector, Map<String, String> metrics, String name, Map<String, Double> weights) {
        Double weight = weights.get(metrics.get(name));
        if (weight == null) {
            throw bad(vector, name);
        }
        return weight;
    }

    private static IllegalArgumentException bad(String vector, String metric) {
        return new IllegalArgumentException("invalid value for " + metric + " in CVSS vector " + vector);
    }
}
