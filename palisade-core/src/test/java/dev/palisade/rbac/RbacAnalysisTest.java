package dev.palisade.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.AnalysisFixtureTest;
import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RbacAnalysis} on its fixtures under {@code rbac-fixtures/<check-id>/}, and its messages and settings. */
class RbacAnalysisTest extends AnalysisFixtureTest {

    @Override
    protected String folder() {
        return "rbac-fixtures";
    }

    @Override
    protected List<String> checkIds() {
        return RbacAnalysis.policyIds();
    }

    @Override
    protected String category() {
        return "RBAC";
    }

    @Override
    protected List<Finding> analyze(Snapshot snapshot) {
        Analysis.Result result = new RbacAnalysis().analyze(snapshot, ScanConfig.defaults(), List.of());
        assertThat(result.answers()).isEmpty();
        return result.findings();
    }



    @Test
    void everyCheckIsNamedForRbac() {
        assertThat(RbacAnalysis.policyIds()).allMatch(id -> id.startsWith("rbac-"));
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
