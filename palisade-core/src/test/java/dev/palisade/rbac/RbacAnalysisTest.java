package dev.palisade.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.FixtureHeader;
import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link RbacAnalysis} on its fixtures under {@code rbac-fixtures/<policy-id>/}: {@code violating.yaml} must
 * produce exactly the findings of that policy its header announces ({@code # expect: N} and one
 * {@code # finding: Kind ns/name} line per finding), {@code compliant.yaml} (near misses) none of that policy.
 */
class RbacAnalysisTest {

    static Stream<String> policyIds() {
        return FixtureHeader.folders("rbac-fixtures");
    }

    private static List<Finding> analyze(Snapshot snapshot) {
        Analysis.Result result = new RbacAnalysis().analyze(snapshot, ScanConfig.defaults(), List.of());
        assertThat(result.answers()).isEmpty();
        return result.findings();
    }

    private static List<Finding> findings(String policyId, Snapshot snapshot) {
        return analyze(snapshot).stream().filter(f -> f.policy().equals(policyId)).toList();
    }

    @ParameterizedTest(name = "{0}: violating.yaml")
    @MethodSource("policyIds")
    void violatingFixtureProducesTheAnnouncedFindings(String policyId) {
        String path = "rbac-fixtures/" + policyId + "/violating.yaml";
        String text = TestSupport.resource(path);
        FixtureHeader expected = FixtureHeader.read(path, text);
        Snapshot snapshot = TestSupport.snapshot(path, text);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();

        List<Finding> findings = findings(policyId, snapshot);

        assertThat(findings).as("findings of %s", policyId).hasSize(expected.count());
        assertThat(findings).extracting(f -> f.resource().toString())
                .containsExactlyInAnyOrderElementsOf(expected.resources());
        String[] lines = text.split("\n", -1);
        for (Finding finding : findings) {
            assertThat(finding.title()).isNotBlank();
            assertThat(finding.categories()).containsExactly("RBAC");
            assertThat(finding.location().origin()).isEqualTo(path);
            assertThat(finding.location().line()).as("line of %s", finding).isPositive();
            assertThat(FixtureHeader.nameAt(lines, finding.location().line()))
                    .as("the line of %s starts the object it is about", finding)
                    .isEqualTo(finding.resource().name());
            assertThat(finding.message()).isNotBlank();
            assertThat(finding.remediation()).isNotBlank();
            assertThat(finding.exempted()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}: compliant.yaml")
    @MethodSource("policyIds")
    void compliantFixtureProducesNoFindingOfThePolicy(String policyId) {
        String path = "rbac-fixtures/" + policyId + "/compliant.yaml";
        String text = TestSupport.resource(path);
        Snapshot snapshot = TestSupport.snapshot(path, text);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();
        assertThat(snapshot.objects()).as("near misses to test").isNotEmpty();

        assertThat(findings(policyId, snapshot)).as("findings of %s on near misses", policyId).isEmpty();
    }

    @Test
    void everyPolicyHasFixturesAndEveryFixtureAPolicy() throws Exception {
        assertThat(policyIds().toList()).containsExactlyElementsOf(RbacAnalysis.policyIds());
        assertThat(RbacAnalysis.policyIds()).allMatch(id -> id.startsWith("rbac-")).doesNotHaveDuplicates();
    }

    @Test
    void kubernetesOwnBindingsAndSystemMastersProduceNothing() {
        Snapshot snapshot = TestSupport.snapshotOf("rbac-system/kubernetes-own.yaml");
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.ofKind("ClusterRoleBinding")).isNotEmpty();
        assertThat(analyze(snapshot)).isEmpty();
    }

    @Test
    void messagesNameTheSubjectAndTheChain() {
        Snapshot snapshot = TestSupport.snapshotOf("rbac-fixtures/rbac-cluster-admin-equivalent/violating.yaml");
        Finding root = findings("rbac-cluster-admin-equivalent", snapshot).stream()
                .filter(f -> f.resource().name().equals("root")).findFirst().orElseThrow();
        assertThat(root.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(root.message()).contains("User alice", "ClusterRoleBinding root", "ClusterRole cluster-admin",
                "verbs=[*]").doesNotContain("system:masters");
        assertThat(root.equivalents()).containsEntry("rbac-police", "cluster_admin");

        Snapshot exec = TestSupport.snapshotOf("rbac-fixtures/rbac-pods-exec/violating.yaml");
        Finding finding = findings("rbac-pods-exec", exec).stream()
                .filter(f -> f.resource().name().equals("execers")).findFirst().orElseThrow();
        assertThat(finding.message()).contains("ServiceAccount shop/ci", "create pods/exec",
                "RoleBinding shop/execers", "Role shop/execer");
    }

    @Test
    void anAdminEquivalentBindingIsNotAlsoReportedPerRiskyPermission() {
        Snapshot snapshot = TestSupport.snapshotOf("rbac-fixtures/rbac-cluster-admin-equivalent/violating.yaml");
        Set<String> riskyIds = Set.copyOf(RiskyPermission.TABLE.stream().map(RiskyPermission::id).toList());
        assertThat(analyze(snapshot)).noneMatch(f -> riskyIds.contains(f.policy()));
    }

    @Test
    void findingsAreDeterministicAndUniquePerPolicySubjectAndBinding() throws Exception {
        for (String id : policyIds().toList()) {
            Snapshot snapshot = TestSupport.snapshotOf("rbac-fixtures/" + id + "/violating.yaml");
            List<Finding> first = analyze(snapshot);
            assertThat(analyze(snapshot)).as(id).containsExactlyElementsOf(first);
            assertThat(first).as(id).extracting(f -> f.policy() + "|" + f.resource() + "|" + f.message())
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void disabledPoliciesAndSeverityOverridesAreHonoured() {
        Snapshot snapshot = TestSupport.snapshotOf("rbac-fixtures/rbac-pods-exec/violating.yaml");
        ScanConfig config = new ScanConfig(List.of(), List.of(), Set.of(), new ScanConfig.PolicySettings(List.of(),
                Set.of("rbac-role-unbound"), Set.of(), Map.of("rbac-pods-exec", Severity.LOW), Map.of()));
        List<Finding> findings = new RbacAnalysis().analyze(snapshot, config, List.of()).findings();
        assertThat(findings).noneMatch(f -> f.policy().equals("rbac-role-unbound"));
        assertThat(findings).filteredOn(f -> f.policy().equals("rbac-pods-exec")).hasSize(2)
                .allMatch(f -> f.severity() == Severity.LOW);
    }

}
