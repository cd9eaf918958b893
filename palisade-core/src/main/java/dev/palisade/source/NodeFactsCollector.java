package dev.palisade.source;

import dev.palisade.compliance.Component;
import dev.palisade.compliance.Flags;
import dev.palisade.compliance.NodeFacts;
import dev.palisade.compliance.NodeFileRole;
import dev.palisade.inventory.InputText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects node facts on a node, read-only (docs/compliance.md, "Node facts"): the Kubernetes components among the
 * processes of {@code ROOT/proc} with their arguments, the kubelet's configuration file, and the owner, group and
 * permissions of the files of every role of {@code compliance/node-files.yaml}. It reads no other file's content,
 * so no certificate or key; argument and configuration values that look like secrets are redacted.
 *
 * <p>{@code root} is {@code /} on a node (or the host's root mounted into a pod, e.g. {@code /host}); tests point
 * it at a fixture tree. File attributes come through {@link FileAttributes}, so tests can report owners that do
 * not exist on the test machine (etcd:etcd).
 */
public final class NodeFactsCollector {

    /** What the collector needs of a file; the POSIX view without following links, as stat shows it. */
    @FunctionalInterface
    public interface FileAttributes {

        /** The attributes, or empty when the file does not exist. */
        Optional<Attributes> of(Path path) throws IOException;

        /** @param type {@code file}, {@code directory}, {@code symlink} or {@code other} */
        record Attributes(String type, int permissions, String owner, String group) {
        }

        FileAttributes POSIX = path -> {
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            String type = attributes.isRegularFile() ? "file" : attributes.isDirectory() ? "directory"
                    : attributes.isSymbolicLink() ? "symlink" : "other";
            return Optional.of(new Attributes(type, bits(attributes.permissions()), attributes.owner().getName(),
                    attributes.group().getName()));
        };

        private static int bits(Set<PosixFilePermission> permissions) {
            int bits = 0;
            for (PosixFilePermission permission : permissions) {
                bits |= 1 << (8 - permission.ordinal()); // OWNER_READ is 0400 ... OTHERS_EXECUTE is 0001
            }
            return bits;
        }
    }

    /** Files and directories recorded below one tree root at most; a PKI or CNI tree holds a few dozen. */
    static final int TREE_LIMIT = 5_000;
    /** The kubelet configuration is a few kilobytes; anything far larger is not one. */
    static final long CONFIG_LIMIT = 1 << 20;
    static final String REDACTED = "<redacted>";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|password|passwd|header).*");
    private static final Pattern NAMES_A_PATH = Pattern.compile("(?i).*(file|dir|path|config)$");

    private final Path root;
    private final FileAttributes attributes;
    private final Clock clock;

    public NodeFactsCollector(Path root, FileAttributes attributes, Clock clock) {
        this.root = root;
        this.attributes = attributes;
        this.clock = clock;
    }

    /** Collects the node's facts; the name is {@code nodeName} when given, else found on the node. */
    public NodeFacts collect(String nodeName) {
        List<String> problems = new ArrayList<>();
        List<NodeFacts.Process> processes = processes(problems);
        NodeFacts.KubeletConfig config = null;
        Map<String, NodeFileRole> roles = NodeFileRole.bundled();
        List<String> configPaths = candidates(roles.get("kubelet-config"), processes, null);
        Optional<String> configPath = configPaths.stream().filter(p -> attributes(p, problems)
                .filter(a -> a.type().equals("file")).isPresent()).findFirst();
        if (configPath.isPresent()) {
            config = kubeletConfig(configPath.get(), problems);
        }
        List<NodeFacts.FileFact> files = new ArrayList<>();
        for (NodeFileRole role : roles.values()) {
            files.addAll(files(role, candidates(role, processes, config), problems));
        }
        boolean controlPlane = processes.stream().anyMatch(p -> p.component().controlPlane)
                || files.stream().anyMatch(f -> f.exists() && roles.get(f.role()).marksControlPlane());
        return new NodeFacts(nodeName != null ? nodeName : nodeName(processes), null, clock.instant(), controlPlane,
                processes, config, files, problems);
    }

    private List<NodeFacts.Process> processes(List<String> problems) {
        Path proc = root.resolve("proc");
        List<Path> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .matches("[0-9]+"))) {
            entries.forEach(pids::add);
        } catch (IOException e) {
            problems.add("cannot list " + proc + ": " + ManifestSource.reason(e));
            return List.of();
        }
        pids.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
        List<NodeFacts.Process> processes = new ArrayList<>();
        for (Path pid : pids) {
            byte[] cmdline;
            try {
                cmdline = Files.readAllBytes(pid.resolve("cmdline"));
            } catch (IOException e) {
                continue; // the process ended, or is a kernel thread we may not read
            }
            List<String> argv = new ArrayList<>(List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0")));
            argv.removeIf(String::isEmpty);
            Component.identify(argv).ifPresent(invocation -> processes.add(new NodeFacts.Process(
                    invocation.component(), argv.get(0), redact(invocation.args()))));
        }
        return processes;
    }

    /** Values of flags named like secrets (not like paths) are replaced: {@code --initial-cluster-token}. */
    static List<String> redact(List<String> args) {
        List<String> redacted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            boolean secret = arg.startsWith("-") && SECRET_NAME.matcher(name).matches()
                    && !NAMES_A_PATH.matcher(name).matches();
            if (secret && equals > 0) {
                redacted.add(name + "=" + REDACTED);
            } else if (secret && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                redacted.add(arg);
                redacted.add(REDACTED);
                i++;
            } else {
                redacted.add(arg);
            }
        }
        return redacted;
    }

    /** Where a role's file is: the component flag naming it, else the kubelet configuration's path, else the defaults. */
    private static List<String> candidates(NodeFileRole role, List<NodeFacts.Process> processes,
                                           NodeFacts.KubeletConfig config) {
        if (role.flag() != null) {
            Optional<String> flagged = processes.stream().filter(p -> p.component() == role.flag().component())
                    .findFirst().flatMap(p -> p.flags().value(role.flag().name()));
            if (flagged.isPresent()) {
                return List.of(flagged.get());
            }
        }
        if (role.kubeletConfig() != null && config != null) {
            Optional<JsonNode> configured = config.at(role.kubeletConfig());
            if (configured.isPresent() && configured.get().isString()) {
                return List.of(configured.get().asString());
            }
        }
        return role.paths();
    }

    private List<NodeFacts.FileFact> files(NodeFileRole role, List<String> candidates, List<String> problems) {
        List<NodeFacts.FileFact> files = new ArrayList<>();
        for (String path : candidates) {
            Optional<FileAttributes.Attributes> found = attributes(path, problems);
            if (found.isEmpty()) {
                continue;
            }
            files.add(fact(role.role(), path, found.get()));
            if (role.tree() && found.get().type().equals("directory")) {
                tree(role.role(), path, files, problems);
            }
            if (!role.every()) {
                return files;
            }
        }
        if (files.isEmpty()) {
            candidates.forEach(path -> files.add(NodeFacts.FileFact.absent(role.role(), path)));
        }
        return files;
    }

    private void tree(String role, String directory, List<NodeFacts.FileFact> files, List<String> problems) {
        List<String> below = new ArrayList<>();
        Path start = onNode(directory);
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(start)) {
                        below.add(dir.toString());
                    }
                    return below.size() < TREE_LIMIT ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    below.add(file.toString());
                    return below.size() < TREE_LIMIT ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add("cannot read " + nodePath(file) + ": " + ManifestSource.reason(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add("cannot read " + directory + ": " + ManifestSource.reason(e));
        }
        if (below.size() >= TREE_LIMIT) {
            problems.add(directory + ": more than " + TREE_LIMIT + " entries, the rest not recorded");
        }
        below.stream().sorted().forEach(path -> {
            String nodePath = nodePath(Path.of(path));
            attributes(nodePath, problems).ifPresent(a -> files.add(fact(role, nodePath, a)));
        });
    }

    private static NodeFacts.FileFact fact(String role, String path, FileAttributes.Attributes a) {
        return new NodeFacts.FileFact(role, path, true, a.type(), a.permissions(), a.owner(), a.group());
    }

    private Optional<FileAttributes.Attributes> attributes(String nodePath, List<String> problems) {
        try {
            return attributes.of(onNode(nodePath));
        } catch (IOException e) {
            problems.add("cannot read the attributes of " + nodePath + ": " + ManifestSource.reason(e));
            return Optional.empty();
        }
    }

    /** A node path ({@code /etc/kubernetes/...}) under the root. */
    private Path onNode(String nodePath) {
        return root.resolve(nodePath.startsWith("/") ? nodePath.substring(1) : nodePath);
    }

    private String nodePath(Path underRoot) {
        return "/" + root.relativize(underRoot).toString().replace('\\', '/');
    }

    /** The one file whose content is read; values of keys named like secrets are redacted. */
    private NodeFacts.KubeletConfig kubeletConfig(String path, List<String> problems) {
        Path file = onNode(path);
        try {
            if (Files.size(file) > CONFIG_LIMIT) {
                problems.add(path + ": larger than " + CONFIG_LIMIT + " bytes, not read as the kubelet configuration");
                return null;
            }
            Object document = new Load(LoadSettings.builder().setMaxAliasesForCollections(10).build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode content = JsonMapper.builder().build().valueToTree(document);
            if (!content.isObject()) {
                problems.add(path + ": not a kubelet configuration (expected a mapping)");
                return null;
            }
            redactSecrets((ObjectNode) content);
            return new NodeFacts.KubeletConfig(path, content);
        } catch (IOException e) {
            problems.add("cannot read " + path + ": " + ManifestSource.reason(e));
        } catch (YamlEngineException e) {
            problems.add(path + ": invalid YAML or JSON: " + InputText.safeMessage(e.getMessage()));
        } catch (UncheckedIOException e) {
            problems.add("cannot read " + path + ": " + e.getMessage());
        }
        return null;
    }

    private static void redactSecrets(ObjectNode node) {
        for (String name : List.copyOf(node.propertyNames())) {
            JsonNode value = node.get(name);
            if (SECRET_NAME.matcher(name).matches() && !NAMES_A_PATH.matcher(name).matches()) {
                node.put(name, REDACTED);
            } else if (value.isObject()) {
                redactSecrets((ObjectNode) value);
            } else if (value.isArray()) {
                value.forEach(element -> {
                    if (element.isObject()) {
                        redactSecrets((ObjectNode) element);
                    }
                });
            }
        }
    }

    /** The kubelet's --hostname-override, else the kernel's host name, else /etc/hostname. */
    private String nodeName(List<NodeFacts.Process> processes) {
        Optional<String> override = processes.stream().filter(p -> p.component() == Component.KUBELET).findFirst()
                .map(NodeFacts.Process::flags).flatMap((Flags f) -> f.value("--hostname-override"));
        if (override.isPresent()) {
            return override.get();
        }
        for (String file : List.of("proc/sys/kernel/hostname", "etc/hostname")) {
            try {
                String name = Files.readString(root.resolve(file), StandardCharsets.UTF_8).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException e) {
                // try the next place
            }
        }
        throw new SourceException("cannot tell this node's name (no kubelet --hostname-override, " + root
                .resolve("proc/sys/kernel/hostname") + " or " + root.resolve("etc/hostname") + "): pass --node-name");
    }
}
