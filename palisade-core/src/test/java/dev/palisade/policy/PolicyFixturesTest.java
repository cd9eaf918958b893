package dev.palisade.policy;

import dev.palisade.FixtureHeader;
import dev.palisade.TestSupport;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.Snapshot;
import dev.palisade.vuln.ImageScans;
import dev.palisade.vuln.ImageScansFile;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every policy of the default pack against its fixtures under {@code policy-fixtures/<policy-id>/}:
 * {@code violating.yaml} must produce exactly the findings its header announces ({@code # expect: N} and one
 * {@code # finding: Kind ns/name [container=NAME]} line per finding), {@code compliant.yaml} (near misses)
 * must produce none. A fixture may also carry {@code # trusted-registries: a, b}, {@code # owner-keys: a, b} and
 * {@code # image-scans: FILE} to configure the scan ({@link #config}).
 */
class PolicyFixturesTest {

    static Stream<String> policyIds() {
        return FixtureHeader.folders("policy-fixtures");
    }

    /**
     * The scan configuration a fixture asks for in its header: {@code # trusted-registries: a, b},
     * {@code # owner-keys: a, b}, and {@code # image-scans: FILE}, image scan results (vuln.ImageScansFile) in a
     * file beside the fixture, scanned at {@link TestSupport#FIXED_TIME}.
     */
    static ScanConfig config(String path, String text) {
        ScanConfig config = configWithoutImageScans(text);
        return FixtureHeader.setting(text, "image-scans")
                .map(file -> path.substring(0, path.lastIndexOf('/') + 1) + file)
                .map(file -> config.with(ImageScans.class, ImageScansFile.parse(file, TestSupport.resource(file),
                        TestSupport.FIXED_TIME)))
                .orElse(config);
    }

    private static ScanConfig configWithoutImageScans(String text) {
        return new ScanConfig(list(FixtureHeader.setting(text, "trusted-registries")),
                list(FixtureHeader.setting(text, "owner-keys")));
    }

    private static List<String> list(Optional<String> setting) {
        return setting.stream().flatMap(values -> Stream.of(values.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }

    static Policy policy(String id) {
        return PolicyPack.defaults().policies().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no default policy " + id));
    }

    /** Findings of one policy (exempted ones included) on a snapshot. */
    static List<Finding> findings(String id, Snapshot snapshot, ScanConfig config) {
        PolicyContext context = new PolicyContext(snapshot, config, java.time.LocalDate.of(2026, 6, 1));
        return PolicyEngine.evaluate(context, List.of(policy(id).withEnabled(true)));
    }

    @ParameterizedTest(name = "{0}: violating.yaml")
    @MethodSource("policyIds")
    void violatingFixtureProducesTheAnnouncedFindings(String policyId) {
        String path = "policy-fixtures/" + policyId + "/violating.yaml";
        String text = TestSupport.resource(path);
        FixtureHeader expected = FixtureHeader.read(path, text);
        Snapshot snapshot = TestSupport.snapshot(path, text);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();

        List<Finding> findings = findings(policyId, snapshot, config(path, text));

        assertThat(findings).as("findings of %s", policyId).hasSize(expected.count());
        boolean withContainers = expected.withContainers();
        assertThat(findings).extracting(f -> f.resource().toString()
                        + (withContainers && f.container() != null ? " container=" + f.container() : ""))
                .containsExactlyInAnyOrderElementsOf(expected.resources());
        String[] lines = text.split("\n", -1);
        for (Finding finding : findings) {
            assertThat(finding.location().origin()).isEqualTo(path);
            assertThat(finding.location().line()).as("line of %s", finding).isPositive();
            assertThat(finding.location().document()).isPositive();
            assertThat(FixtureHeader.nameAt(lines, finding.location().line()))
                    .as("the line of %s starts the object it is about", finding)
                    .isEqualTo(finding.resource().name());
            assertThat(finding.message()).isNotBlank();
            assertThat(finding.remediation()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}: compliant.yaml")
    @MethodSource("policyIds")
    void compliantFixtureProducesNoFindingOfThePolicy(String policyId) {
        String path = "policy-fixtures/" + policyId + "/compliant.yaml";
        String text = TestSupport.resource(path);
        Snapshot snapshot = TestSupport.snapshot(path, text);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();
        assertThat(snapshot.objects()).as("near misses to test").isNotEmpty();

        List<Finding> findings = findings(policyId, snapshot, config(path, text)).stream().filter(Finding::active).toList();

        assertThat(findings).as("findings of %s on near misses", policyId).isEmpty();
    }

    @Test
    void untrustedRegistryFindsNothingWhenNoRegistryIsConfigured() {
        Snapshot snapshot = TestSupport.snapshotOf("policy-fixtures/image-untrusted-registry/violating.yaml");
        assertThat(findings("image-untrusted-registry", snapshot, ScanConfig.defaults())).isEmpty();
    }

    static Stream<String> policiesOnImageScans() {
        return policyIds().filter(id -> FixtureHeader.setting(
                TestSupport.resource("policy-fixtures/" + id + "/violating.yaml"), "image-scans").isPresent());
    }

    @ParameterizedTest(name = "{0}: violating.yaml without image scans")
    @MethodSource("policiesOnImageScans")
    void imageCriteriaAreSilentWhenImagesWereNotScanned(String policyId) {
        String path = "policy-fixtures/" + policyId + "/violating.yaml";
        String text = TestSupport.resource(path);

        assertThat(findings(policyId, TestSupport.snapshot(path, text), configWithoutImageScans(text))).isEmpty();
    }

    @Test
    void everyDefaultPolicyHasFixturesAndEveryFixtureAPolicy() throws Exception {
        assertThat(PolicyPack.defaults().problems()).as("the default pack loads cleanly").isEmpty();
        List<String> ids = PolicyPack.defaults().policies().stream().map(Policy::id).sorted().toList();
        assertThat(policyIds().toList()).containsExactlyElementsOf(ids);
    }
}
