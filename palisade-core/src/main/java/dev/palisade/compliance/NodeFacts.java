package dev.palisade.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What {@code palisade node-facts} collected on one node (docs/compliance.md, "Node facts"): the Kubernetes
 * processes with their arguments, the kubelet's configuration file, and owner, group and permissions of the files
 * the benchmark judges. Nothing else is read from the node: no file contents besides the kubelet configuration,
 * never a certificate or key.
 *
 * @param node          the node's name, as Kubernetes knows it
 * @param origin        where these facts were read from (a file), for evidence and errors
 * @param controlPlane  whether the node runs control-plane components (their manifests or processes were found)
 * @param kubeletConfig the kubelet's configuration file, or null when none was found
 * @param problems      what could not be collected, e.g. an unreadable file
 */
public record NodeFacts(String node, String origin, Instant collectedAt, boolean controlPlane,
                        List<Process> processes, KubeletConfig kubeletConfig, List<FileFact> files,
                        List<String> problems) {

    public NodeFacts {
        processes = List.copyOf(processes);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** A running Kubernetes component and its arguments (after the binary), with secret-looking values redacted. */
    public record Process(Component component, String executable, List<String> args) {

        public Process {
            args = List.copyOf(args);
        }

        public Flags flags() {
            return Flags.parse(args);
        }
    }

    /** The kubelet configuration file and its content (YAML or JSON, as a tree). */
    public record KubeletConfig(String path, JsonNode content) {

        /** The value at a dotted path, e.g. {@code authentication.anonymous.enabled}; empty when absent or null. */
        public Optional<JsonNode> at(String dottedPath) {
            JsonNode node = content;
            for (String part : dottedPath.split("\\.")) {
                node = node.path(part);
            }
            return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
        }
    }

    /**
     * A file of a role (node-files.yaml) and its attributes; for an absent file only role, path and exists.
     *
     * @param type        {@code file}, {@code directory}, {@code symlink} or {@code other}
     * @param permissions the permission bits, e.g. {@code 0600}; null when absent
     */
    public record FileFact(String role, String path, boolean exists, String type, Integer permissions,
                           String owner, String group) {

        public static FileFact absent(String role, String path) {
            return new FileFact(role, path, false, null, null, null, null);
        }

        /** {@code 600}, as stat prints it. */
        public String octal() {
            return permissions == null ? "" : Integer.toOctalString(permissions);
        }
    }

    /** The first process of a component (a node runs one kubelet). */
    public Optional<Process> process(Component component) {
        return processes.stream().filter(p -> p.component() == component).findFirst();
    }

    public List<FileFact> files(String role) {
        return files.stream().filter(f -> f.role().equals(role)).toList();
    }
}
