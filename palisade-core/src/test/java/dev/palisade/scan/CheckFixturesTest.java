package dev.palisade.scan;

import dev.palisade.TestSupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.Snapshot;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every check against its fixtures under {@code checks/<check-id>/}: {@code violating.yaml} must produce
 * exactly the findings its header announces ({@code # expect: N} and one {@code # finding: Kind ns/name} line
 * per finding), {@code compliant.yaml} (near misses) must produce none of that check.
 */
class CheckFixturesTest {

    /** Trusted registries for the image-untrusted-registry fixtures; every other check uses the defaults. */
    static final List<String> TRUSTED = List.of("registry.corp.example", "docker.io/library");

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(\\d+)\\s*");
    private static final Pattern FINDING = Pattern.compile("#\\s*finding:\\s*(\\S+)\\s+(\\S+)\\s*");
    private static final Pattern NAME = Pattern.compile("\\s*name:\\s*\"?([^\"\\s]+)\"?\\s*");

    static Stream<String> checkIds() throws IOException, URISyntaxException {
        URL root = CheckFixturesTest.class.getClassLoader().getResource("checks");
        assertThat(root).as("test resource folder checks/").isNotNull();
        try (Stream<Path> folders = Files.list(Path.of(root.toURI()))) {
            List<String> ids = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(ids).isNotEmpty();
            return ids.stream();
        }
    }

    static ScanConfig config(String checkId) {
        return checkId.equals("image-untrusted-registry") ? new ScanConfig(TRUSTED, List.of()) : ScanConfig.defaults();
    }

    private record Expectation(int count, List<String> resources) {
    }

    /** Reads the expectation from the leading comment lines of a fixture. */
    private static Expectation expectation(String path, String text) {
        Integer count = null;
        List<String> resources = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            Matcher expect = EXPECT.matcher(line);
            if (expect.matches()) {
                count = Integer.parseInt(expect.group(1));
            }
            Matcher finding = FINDING.matcher(line);
            if (finding.matches()) {
                resources.add(finding.group(1) + " " + finding.group(2));
            }
        }
        assertThat(count).as("%s must start with a '# expect: N' comment", path).isNotNull().isPositive();
        assertThat(resources).as("%s: one '# finding:' line per expected finding", path).hasSize(count);
        return new Expectation(count, resources);
    }

    @ParameterizedTest(name = "{0}: violating.yaml")
    @MethodSource("checkIds")
    void violatingFixtureProducesTheAnnouncedFindings(String checkId) {
        String path = "checks/" + checkId + "/violating.yaml";
        String text = TestSupport.resource(path);
        Expectation expected = expectation(path, text);
        Snapshot snapshot = TestSupport.snapshot(path, text);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();

        List<Finding> findings = Scanner.scan(snapshot, config(checkId)).findings().stream()
                .filter(f -> f.checkId().equals(checkId)).toList();

        assertThat(findings).as("findings of %s", checkId).hasSize(expected.count());
        assertThat(findings).extracting(f -> f.resource().toString())
                .containsExactlyInAnyOrderElementsOf(expected.resources());
        String[] lines = text.split("\n", -1);
        for (Finding finding : findings) {
            assertThat(finding.location().origin()).isEqualTo(path);
            assertThat(finding.location().line()).as("line of %s", finding).isPositive();
            assertThat(finding.location().document()).isPositive();
            assertThat(nameAt(lines, finding.location().line()))
                    .as("the line of %s starts the object it is about", finding)
                    .isEqualTo(finding.resource().name());
            assertThat(finding.message()).isNotBlank();
            assertThat(finding.remediation()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}: compliant.yaml")
    @MethodSource("checkIds")
    void compliantFixtureProducesNoFindingOfTheCheck(String checkId) {
        String path = "checks/" + checkId + "/compliant.yaml";
        Snapshot snapshot = TestSupport.snapshotOf(path);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();
        assertThat(snapshot.objects()).as("near misses to test").isNotEmpty();

        List<Finding> findings = Scanner.scan(snapshot, config(checkId)).findings().stream()
                .filter(f -> f.checkId().equals(checkId)).toList();

        assertThat(findings).as("findings of %s on near misses", checkId).isEmpty();
    }

    @Test
    void untrustedRegistryFindsNothingWhenNoRegistryIsConfigured() {
        Snapshot snapshot = TestSupport.snapshotOf("checks/image-untrusted-registry/violating.yaml");
        assertThat(Scanner.scan(snapshot, ScanConfig.defaults()).findings())
                .noneMatch(f -> f.checkId().equals("image-untrusted-registry"));
    }

    @Test
    void everyCheckOfEveryAnalysisHasAFixtureFolder() throws Exception {
        Set<String> declared = new TreeSet<>();
        for (Analysis analysis : Scanner.ANALYSES) {
            for (Field field : analysis.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Check.class) {
                    field.setAccessible(true);
                    declared.add(((Check) field.get(null)).id());
                }
            }
        }
        assertThat(declared).containsExactlyInAnyOrder("image-untrusted-registry", "image-mutable-tag",
                "privileged-container", "service-load-balancer-open", "service-node-port", "ingress-without-tls",
                "workload-without-owner");
        assertThat(checkIds().toList()).containsExactlyInAnyOrderElementsOf(declared);
    }

    /**
     * The metadata.name of the object whose mapping starts at {@code line} (1-based): the line must open the
     * object ({@code apiVersion:}), and its first {@code name:} line is the object's name.
     */
    private static String nameAt(String[] lines, int line) {
        String first = lines[line - 1].strip();
        if (first.startsWith("- ")) {
            first = first.substring(2).strip();
        }
        assertThat(first).as("line %d", line).startsWith("apiVersion:");
        for (int i = line; i < lines.length && !lines[i].startsWith("---"); i++) {
            Matcher name = NAME.matcher(lines[i]);
            if (name.matches()) {
                return name.group(1);
            }
        }
        return null;
    }
}
