package dev.palisade.compliance;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.inventory.YamlNodes;
import dev.palisade.inventory.YamlNodes.Invalid;
import dev.palisade.inventory.YamlNodes.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A kind of node file the benchmark judges (the API server's manifest, the kubelet's kubeconfig, the PKI tree...),
 * and where to find it; the bundled roles are {@code compliance/node-files.yaml}, documented there.
 *
 * @param controlPlaneOnly only control-plane nodes have it
 * @param paths            candidate locations, in order of preference
 * @param every            every existing candidate counts, not only the first
 * @param tree             the candidates are directories, judged with everything below them
 * @param flag             the component flag naming the file (it wins over the candidates), or null
 * @param kubeletConfig    the kubelet configuration path naming the file when the flag is not set, or null
 * @param marksControlPlane a node where such a file exists is a control-plane node
 */
public record NodeFileRole(String role, boolean controlPlaneOnly, List<String> paths, boolean every, boolean tree,
                           FlagRef flag, String kubeletConfig, boolean marksControlPlane) {

    /** A component's flag, e.g. etcd's {@code --data-dir}. */
    public record FlagRef(Component component, String name) {
    }

    public NodeFileRole {
        paths = List.copyOf(paths);
    }

    static final String RESOURCE = "compliance/node-files.yaml";
    private static final Set<String> TOP_KEYS = Set.of("roles");
    private static final Set<String> ROLE_KEYS = Set.of("role", "nodes", "paths", "every", "tree", "flag",
            "kubeletConfig", "marksControlPlane");
    private static volatile Map<String, NodeFileRole> bundled;

    /** The bundled roles by name, in file order; read once. */
    public static Map<String, NodeFileRole> bundled() {
        Map<String, NodeFileRole> roles = bundled;
        if (roles == null) {
            roles = parse(RESOURCE, Bundled.text(RESOURCE));
            bundled = roles;
        }
        return roles;
    }

    static Map<String, NodeFileRole> parse(String origin, String text) {
        Map<String, NodeFileRole> roles = new LinkedHashMap<>();
        List<Invalid> invalid = new ArrayList<>();
        Values values = new Values(invalid);
        try {
            Node document = YamlNodes.firstDocument(text).orElseThrow(() -> new Invalid(null, "the file is empty"));
            for (Node node : values.list(YamlNodes.mapping(document, TOP_KEYS, "the role file").get("roles"))) {
                try {
                    NodeFileRole role = role(node, values);
                    if (roles.putIfAbsent(role.role(), role) != null) {
                        invalid.add(new Invalid(node, "role '" + role.role() + "' is defined twice"));
                    }
                } catch (Invalid e) {
                    invalid.add(e);
                }
            }
        } catch (Invalid e) {
            invalid.add(e);
        } catch (YamlEngineException e) {
            throw Bundled.invalidYaml(origin, e);
        }
        Bundled.failOn(origin, invalid.stream().map(i -> InputProblem.error(
                new SourceLocation(origin, 0, i.line()), i.getMessage())).toList());
        return java.util.Collections.unmodifiableMap(roles);
    }

    private static NodeFileRole role(Node node, Values values) {
        Map<String, Node> map = YamlNodes.mapping(node, ROLE_KEYS, "a role");
        String name = values.required(map, "role", node);
        String nodes = values.required(map, "nodes", node);
        if (nodes != null && !nodes.equals("control-plane") && !nodes.equals("all")) {
            throw new Invalid(map.get("nodes"), "nodes must be control-plane or all");
        }
        List<String> paths = values.strings(map.get("paths"));
        if (paths.isEmpty() || paths.stream().anyMatch(p -> !p.startsWith("/"))) {
            throw new Invalid(map.getOrDefault("paths", node), "paths must list absolute paths");
        }
        FlagRef flag = null;
        if (map.containsKey("flag")) {
            Map<String, Node> flagMap = YamlNodes.mapping(map.get("flag"), Set.of("component", "name"), "a flag");
            Component component = values.convert(flagMap.get("component"), Component::parse, null);
            flag = new FlagRef(component, values.required(flagMap, "name", map.get("flag")));
        }
        return new NodeFileRole(name, "control-plane".equals(nodes), paths,
                values.get(map, "every", YamlNodes::bool, false), values.get(map, "tree", YamlNodes::bool, false),
                flag, values.text(map.get("kubeletConfig")), values.get(map, "marksControlPlane", YamlNodes::bool, false));
    }
}
