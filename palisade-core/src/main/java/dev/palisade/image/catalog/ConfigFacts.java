package dev.palisade.image.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@link ImageConfigFacts} from an image configuration JSON. Environment values are never kept. */
public final class ConfigFacts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConfigFacts() {
    }

    public static ImageConfigFacts read(byte[] config) {
        JsonNode root = JSON.readTree(config);
        JsonNode c = root.path("config");
        List<String> envNames = new ArrayList<>();
        for (JsonNode env : c.path("Env")) {
            String entry = env.asString("");
            int eq = entry.indexOf('=');
            envNames.add(eq < 0 ? entry : entry.substring(0, eq));
        }
        List<String> ports = new ArrayList<>();
        c.path("ExposedPorts").propertyNames().forEach(ports::add);
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        List<String> history = new ArrayList<>();
        for (JsonNode step : root.path("history")) {
            history.add(step.path("created_by").asString(step.path("comment").asString("")));
        }
        return new ImageConfigFacts(c.path("User").asString(""), instant(root.path("created").asString(null)),
                strings(c.path("Entrypoint")), strings(c.path("Cmd")), ports, envNames, labels, history);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString("")));
        return out;
    }

    private static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
