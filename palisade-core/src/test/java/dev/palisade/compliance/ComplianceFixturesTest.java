package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.YamlNodes;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.source.NodeFactsFile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Every control of every catalogue against the fixture clusters under {@code compliance-fixtures/<scenario>/}
 * (manifests in {@code cluster.yaml}, node facts in {@code nodes/}): each control's status must be the one
 * {@code expect.yaml} announces, and every control Palisade judges (all automated CIS controls among them) must
 * pass on one fixture and fail on another. Adding a control means adding it to these fixtures.
 */
class ComplianceFixturesTest {

    static final List<String> SCENARIOS = List.of("hardened", "weak", "kubeadm-defaults");
    /** The checks the fixtures need that the default pack leaves off. */
    static final Set<String> ENABLED = Set.of("container-env-secret-reference");

    /** A fixture's results and what it announces: a default status for judged controls, and exceptions. */
    record Scenario(String name, Map<String, ControlResult> results, Status defaultStatus,
                    Map<String, Status> exceptions) {

        /** The expected status of a control here, or null when the fixture announces none. */
        Status expected(Control control) {
            Status listed = exceptions.get(control.key());
            if (listed != null) {
                return listed;
            }
            if (defaultStatus == null) {
                return null;
            }
            return Catalogue.bundled().judged(control) ? defaultStatus : Status.MANUAL;
        }
    }

    private static Map<String, Scenario> scenarios;

    static synchronized Map<String, Scenario> scenarios() {
        if (scenarios == null) {
            Map<String, Scenario> loaded = new LinkedHashMap<>();
            SCENARIOS.forEach(name -> loaded.put(name, load(name)));
            scenarios = loaded;
        }
        return scenarios;
    }

    static ScanConfig config(List<NodeFacts> nodes) {
        return new ScanConfig(List.of("registry.corp.example", "registry.k8s.io"), List.of(), Set.of(),
                new ScanConfig.PolicySettings(List.of(), Set.of(), ENABLED, Map.of(), Map.of()), nodes);
    }

    private static Scenario load(String name) {
        String folder = "compliance-fixtures/" + name + "/";
        Snapshot snapshot = TestSupport.snapshotOf(folder + "cluster.yaml");
        assertThat(snapshot.problems()).as("%s loads cleanly", folder).isEmpty();
        ScanConfig config = config(NodeFactsFile.readAll(resourcePath(folder + "nodes")));
        ScanReport report = Scanner.scan(snapshot, config);
        ComplianceEngine engine = ComplianceEngine.of(snapshot, config, report.findings());
        Map<String, ControlResult> results = new LinkedHashMap<>();
        Catalogue.bundled().standards().forEach(standard -> engine.evaluate(standard).results()
                .forEach(r -> results.put(r.control().key(), r)));
        Map<String, Node> expect = YamlNodes.mapping(YamlNodes.firstDocument(
                TestSupport.resource(folder + "expect.yaml")).orElseThrow(), Set.of("default", "controls"), "expect");
        YamlNodes.Values values = new YamlNodes.Values(new ArrayList<>());
        Status defaultStatus = values.get(expect, "default", Status::valueOf, null);
        Map<String, Status> exceptions = new LinkedHashMap<>();
        if (expect.containsKey("controls")) {
            YamlNodes.mapping(expect.get("controls"), null, "controls").forEach((key, status) -> {
                assertThat(Catalogue.bundled().control(key)).as("%s names control %s", folder, key).isPresent();
                exceptions.put(key, Status.valueOf(values.text(status)));
            });
        }
        return new Scenario(name, results, defaultStatus, exceptions);
    }

    static Path resourcePath(String resource) {
        try {
            return Path.of(ComplianceFixturesTest.class.getResource("/" + resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> controls() {
        return Catalogue.bundled().standards().stream().flatMap(s -> s.controls().stream()).map(Control::key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void everyJudgedControlPassesOnOneFixtureAndFailsOnAnother(String key) {
        Control control = Catalogue.bundled().control(key).orElseThrow();
        List<Status> announced = new ArrayList<>();
        for (Scenario scenario : scenarios().values()) {
            Status expected = scenario.expected(control);
            if (expected == null) {
                continue;
            }
            announced.add(expected);
            ControlResult result = scenario.results().get(key);
            assertThat(result.status()).as("%s on fixture %s (%s; %s)", key, scenario.name(), result.reason(),
                    result.verdicts()).isEqualTo(expected);
            if (result.status() == Status.FAIL) {
                assertThat(result.verdicts().stream().flatMap(v -> v.evidence().stream())
                        .filter(e -> e.status() == Status.FAIL)).as("failing evidence of %s", key)
                        .isNotEmpty().allSatisfy(e -> assertThat(e.detail()).isNotBlank());
            }
            if (result.status() == Status.MANUAL || result.status() == Status.NOT_APPLICABLE) {
                assertThat(result.reason()).as("why %s is %s", key, result.status()).isNotBlank();
            }
        }
        if (Catalogue.bundled().judged(control)) {
            assertThat(announced).as("fixtures on which %s passes and fails", key).contains(Status.PASS, Status.FAIL);
        } else {
            assertThat(announced).as("%s is left to a person", key).containsOnly(Status.MANUAL);
        }
    }
}
