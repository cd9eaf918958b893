package dev.palisade.policy;

import dev.palisade.FixtureHeader;
import dev.palisade.TestSupport;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.Snapshot;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every policy of the default pack against its fixtures under {@code policy-fixtures/<policy-id>/}:
 * {@code violating.yaml} must produce exactly the findings its header announces ({@code # expect: N} and one
 * {@code # finding: Kind ns/name [container=NAME]} line per finding), {@code compliant.yaml} (near misses)
 * must produce none. A fixture may also carry {@code # trusted-registries: a, b} and
 * {@code # owner-keys: a, b} to configure the scan.
 */
class PolicyFixturesTest {

    private static final Pattern SETTING = Pattern.compile("#\\s*(trusted-registries|owner-keys):\\s*(.*)");

    static Stream<String> policyIds() {
        return FixtureHeader.folders("policy-fixtures");
    }

    /** The scan configuration a fixture asks for in its header. */
    static ScanConfig config(String text) {
        List<String> trusted = List.of();
        List<String> ownerKeys = List.of();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            Matcher setting = SETTING.matcher(line);
            if (setting.matches()) {
                List<String> values = Stream.of(setting.group(2).split(",")).map(String::trim)
                        .filter(v -> !v.isEmpty()).toList();
                if (setting.group(1).equals("trusted-registries")) {
                    trusted = values;
                } else {
                    ownerKeys = values;
                }
            }
        }
        return new ScanConfig(trusted, ownerKeys);
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

        List<Finding> findings = findings(policyId, snapshot, config(text));

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

        List<Finding> findings = findings(policyId, snapshot, config(text)).stream().filter(Finding::active).toList();

        assertThat(findings).as("findings of %s on near misses", policyId).isEmpty();
    }

    @Test
    void untrustedRegistryFindsNothingWhenNoRegistryIsConfigured() {
        Snapshot snapshot = TestSupport.snapshotOf("policy-fixtures/image-untrusted-registry/violating.yaml");
        assertThat(findings("image-untrusted-registry", snapshot, ScanConfig.defaults())).isEmpty();
    }

    @Test
    void everyDefaultPolicyHasFixturesAndEveryFixtureAPolicy() throws Exception {
        assertThat(PolicyPack.defaults().problems()).as("the default pack loads cleanly").isEmpty();
        List<String> ids = PolicyPack.defaults().policies().stream().map(Policy::id).sorted().toList();
        assertThat(policyIds().toList()).containsExactlyElementsOf(ids);
    }
}
