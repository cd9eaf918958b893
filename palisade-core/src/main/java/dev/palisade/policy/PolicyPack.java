package dev.palisade.policy;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.scan.ScanConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The policies a scan runs: the default pack bundled under {@code policies/}, then the policies of the
 * configured directories (a policy with the id of a default one replaces it), with the configuration's
 * enable/disable, severity and enforcement overrides applied.
 */
public final class PolicyPack {

    /** Classpath folder of the default pack. */
    static final String DEFAULT_PACK = "policies";

    private static volatile PolicyParser.Result defaults;

    private PolicyPack() {
    }

    /** Loaded policies (disabled ones included, marked so) and the problems met. */
    public record Loaded(List<Policy> policies, List<InputProblem> problems) {

        public List<Policy> enabled() {
            return policies.stream().filter(Policy::enabled).toList();
        }
    }

    public static Loaded load(ScanConfig.PolicySettings settings) {
        PolicyParser.Result bundled = defaults();
        Map<String, Policy> byId = new LinkedHashMap<>();
        bundled.policies().forEach(p -> byId.put(p.id(), p));
        List<InputProblem> problems = new ArrayList<>(bundled.problems());
        PolicyParser parser = new PolicyParser();
        for (String directory : settings.directories()) {
            for (Path file : yamlFiles(Path.of(directory), problems)) {
                try {
                    PolicyParser.Result result = parser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                    problems.addAll(result.problems());
                    result.policies().forEach(p -> byId.put(p.id(), p));
                } catch (IOException e) {
                    problems.add(InputProblem.error(SourceLocation.file(file.toString()), "cannot read: " + e.getMessage()));
                }
            }
        }
        for (String id : settings.enabled()) {
            byId.computeIfPresent(id, (k, p) -> p.withEnabled(true));
        }
        for (String id : settings.disabled()) {
            byId.computeIfPresent(id, (k, p) -> p.withEnabled(false));
        }
        settings.severities().forEach((id, severity) -> byId.computeIfPresent(id, (k, p) -> p.withSeverity(severity)));
        settings.enforcement().forEach((id, enforcement) -> byId.computeIfPresent(id, (k, p) -> p.withEnforcement(enforcement)));
        List<String> unknown = new ArrayList<>();
        Stream.of(settings.enabled(), settings.disabled(), settings.severities().keySet(), settings.enforcement().keySet())
                .flatMap(java.util.Collection::stream).filter(id -> !byId.containsKey(id)).distinct().forEach(unknown::add);
        unknown.forEach(id -> problems.add(InputProblem.warning(SourceLocation.file("configuration"),
                "no policy has the id '" + id + "'")));
        return new Loaded(List.copyOf(byId.values()), problems);
    }

    /** The bundled default pack, parsed once per process. */
    public static PolicyParser.Result defaults() {
        PolicyParser.Result result = defaults;
        if (result == null) {
            synchronized (PolicyPack.class) {
                if (defaults == null) {
                    defaults = readBundled();
                }
                result = defaults;
            }
        }
        return result;
    }

    private static PolicyParser.Result readBundled() {
        URL url = PolicyPack.class.getClassLoader().getResource(DEFAULT_PACK);
        if (url == null) {
            throw new IllegalStateException("the default policy pack is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return parseAll(jar.getPath(DEFAULT_PACK));
            }
            return parseAll(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the default policy pack: " + e.getMessage(), e);
        }
    }

    private static PolicyParser.Result parseAll(Path directory) throws IOException {
        PolicyParser parser = new PolicyParser();
        List<Policy> policies = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(PolicyPack::isYaml).sorted(Comparator.comparing(Path::toString)).toList()) {
                PolicyParser.Result result = parser.parse(DEFAULT_PACK + "/" + file.getFileName(),
                        Files.readString(file, StandardCharsets.UTF_8));
                policies.addAll(result.policies());
                problems.addAll(result.problems());
            }
        }
        return new PolicyParser.Result(policies, problems);
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static List<Path> yamlFiles(Path directory, List<InputProblem> problems) {
        if (!Files.isDirectory(directory)) {
            problems.add(InputProblem.error(SourceLocation.file(directory.toString()), "policy directory does not exist"));
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(PolicyPack::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
