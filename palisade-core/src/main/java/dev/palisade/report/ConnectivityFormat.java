package dev.palisade.report;

import dev.palisade.network.Endpoint;
import dev.palisade.network.Flow;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The formats of a connectivity map ({@code palisade netpol map -o}), as {@code roxctl netpol connectivity map}
 * writes them: {@code txt} ({@code src => dst : conns}), {@code json} (an array of {@code src}, {@code dst},
 * {@code conn}), {@code csv}, {@code md} (a table) and {@code dot} (a Graphviz graph, one cluster per namespace).
 */
public enum ConnectivityFormat {
    TXT, JSON, CSV, MD, DOT;

    public static ConnectivityFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown connectivity format '" + text
                    + "' (expected txt, json, csv, md or dot)");
        }
    }

    public void write(List<Flow> flows, Writer out) throws IOException {
        switch (this) {
            case TXT -> {
                for (Flow flow : flows) {
                    out.write(flow.line());
                    out.write('\n');
                }
            }
            case JSON -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                flows.forEach(f -> array.addObject().put("src", f.source().label()).put("dst", f.destination().label())
                        .put("conn", f.connections().toString()));
                JsonRenderer.MAPPER.writeValue(out, array);
                out.write('\n');
            }
            case CSV -> {
                out.write("src,dst,conn\n");
                for (Flow flow : flows) {
                    out.write(csv(flow.source().label()) + "," + csv(flow.destination().label()) + ","
                            + csv(flow.connections().toString()) + "\n");
                }
            }
            case MD -> {
                out.write("| src | dst | conn |\n|-----|-----|------|\n");
                for (Flow flow : flows) {
                    out.write("| " + flow.source().label() + " | " + flow.destination().label() + " | "
                            + flow.connections() + " |\n");
                }
            }
            case DOT -> dot(flows, out);
        }
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static void dot(List<Flow> flows, Writer out) throws IOException {
        Map<String, TreeSet<String>> byNamespace = new TreeMap<>();
        TreeSet<String> external = new TreeSet<>();
        for (Flow flow : flows) {
            for (Endpoint endpoint : List.of(flow.source(), flow.destination())) {
                if (endpoint instanceof Endpoint.WorkloadEndpoint workload) {
                    byNamespace.computeIfAbsent(workload.ref().namespace(), k -> new TreeSet<>()).add(endpoint.label());
                } else {
                    external.add(endpoint.label());
                }
            }
        }
        out.write("digraph {\n");
        for (Map.Entry<String, TreeSet<String>> namespace : byNamespace.entrySet()) {
            out.write("\tsubgraph \"cluster_" + dotEscape(namespace.getKey()) + "\" {\n");
            out.write("\t\tlabel=\"" + dotEscape(namespace.getKey()) + "\"\n");
            for (String node : namespace.getValue()) {
                out.write("\t\t\"" + dotEscape(node) + "\" [label=\"" + dotEscape(node.substring(node.indexOf('/') + 1))
                        + "\" color=\"blue\" fontcolor=\"blue\"]\n");
            }
            out.write("\t}\n");
        }
        for (String node : external) {
            out.write("\t\"" + dotEscape(node) + "\" [label=\"" + dotEscape(node) + "\" color=\"red2\" fontcolor=\"red2\"]\n");
        }
        for (Flow flow : flows) {
            out.write("\t\"" + dotEscape(flow.source().label()) + "\" -> \"" + dotEscape(flow.destination().label())
                    + "\" [label=\"" + dotEscape(flow.connections().toString()) + "\" color=\"gold2\" fontcolor=\"darkgreen\"]\n");
        }
        out.write("}\n");
    }

    private static String dotEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
