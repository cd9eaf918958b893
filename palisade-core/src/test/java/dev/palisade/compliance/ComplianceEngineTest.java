package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Scanner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceEngineTest {

    private static final String TWO_NAMESPACES = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: registry.corp.example/web:1, securityContext: {privileged: true}}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: agent
              namespace: ops
              annotations: {palisade.dev/exempt: privileged-container, palisade.dev/exempt-reason: needs the host}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: registry.corp.example/agent:1, securityContext: {privileged: true}}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: quiet}
            """;

    private static ComplianceReport evaluate(Snapshot snapshot, ScanConfig config, String standard) {
        return ComplianceEngine.of(snapshot, config, Scanner.scan(snapshot, config).findings()).evaluate(standard);
    }

    private static ControlResult result(ComplianceReport report, String id) {
        return report.results().stream().filter(r -> r.control().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aManagedControlPlaneDoesNotApplyAndNodesWithoutFactsNeedAPerson() {
        ComplianceReport report = evaluate(TestSupport.snapshot("apps.yaml", TWO_NAMESPACES), ScanConfig.defaults(),
                "cis-1.12");

        assertThat(result(report, "1.2.15")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.NOT_APPLICABLE);
            assertThat(r.reason()).startsWith("no kube-apiserver static pod in kube-system").contains("managed");
        });
        assertThat(result(report, "2.1").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(result(report, "4.2.1")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.MANUAL);
            assertThat(r.reason()).isEqualTo(ComplianceEngine.NO_NODE_FACTS);
        });
        assertThat(result(report, "1.1.1").status()).isEqualTo(Status.MANUAL);
        assertThat(report.results().stream().filter(r -> r.control().id().startsWith("1.")
                || r.control().id().startsWith("2.")).map(ControlResult::status))
                .doesNotContain(Status.PASS, Status.FAIL);
    }

    @Test
    void findingsFailTheirNamespaceAndExemptedOnesAreShownNotCounted() {
        ComplianceReport report = evaluate(TestSupport.snapshot("apps.yaml", TWO_NAMESPACES), ScanConfig.defaults(),
                "cis-1.12");
        ControlResult privileged = result(report, "5.2.2");

        assertThat(privileged.status()).isEqualTo(Status.FAIL);
        assertThat(privileged.verdicts()).extracting(v -> v.scope() + "=" + v.status())
                .containsExactly("namespace/ops=PASS", "namespace/quiet=PASS", "namespace/shop=FAIL");
        assertThat(privileged.verdicts().get(0).evidence()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(Status.PASS);
            assertThat(e.detail()).endsWith("(exempted: annotation palisade.dev/exempt: needs the host)");
        });
        assertThat(privileged.verdicts().get(2).evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("Deployment shop/web container web");
            assertThat(e.location().origin()).isEqualTo("apps.yaml");
        });
        ControlResult clusterAdmin = result(report, "5.1.1");
        assertThat(clusterAdmin.verdicts()).extracting(v -> v.scope().toString()).as("RBAC checks judge the cluster")
                .startsWith("cluster");
    }

    @Test
    void adherenceCountsJudgedControlsPerScope() {
        ComplianceReport report = evaluate(TestSupport.snapshot("apps.yaml", TWO_NAMESPACES), ScanConfig.defaults(),
                "pss-baseline");

        assertThat(report.summary()).isEqualTo(new ComplianceReport.Summary(11, 1, 0, 0));
        assertThat(report.summary().percent()).isEqualTo(91);
        assertThat(report.adherence()).extracting(a -> a.scope() + " " + a.passing() + "/" + a.judged() + " "
                + a.percent() + "% " + a.failingControls()).containsExactly(
                "namespace/ops 11/12 91% [privileged-containers]", "namespace/quiet 12/12 100% []",
                "namespace/shop 11/12 91% [privileged-containers]");
    }

    @Test
    void aCheckTheConfigurationDisablesIsLeftToAPerson() {
        ScanConfig config = new ScanConfig(List.of(), List.of(), Set.of(), new ScanConfig.PolicySettings(List.of(),
                Set.of("privileged-container"), Set.of(), Map.of(), Map.of()));
        ControlResult privileged = result(evaluate(TestSupport.snapshot("apps.yaml", TWO_NAMESPACES), config,
                "cis-1.12"), "5.2.2");

        assertThat(privileged.status()).isEqualTo(Status.MANUAL);
        assertThat(privileged.reason()).isEqualTo("not evaluated, disabled in this configuration: privileged-container"
                + " (enable in palisade.yaml policies.enable)");
    }

    @Test
    void staticPodsWinOverNodeProcessesAndProcessesStandInForMissingPods() {
        Snapshot snapshot = TestSupport.snapshot("cp.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: kube-scheduler-cp-1, namespace: kube-system}
                spec:
                  containers: [{name: s, image: registry.k8s.io/kube-scheduler:v1.33.4,
                                command: [kube-scheduler, --profiling=false]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: etcd, namespace: data}
                spec:
                  containers: [{name: etcd, image: quay.io/coreos/etcd:v3.5.21, command: [etcd, --auto-tls=true]}]
                """);
        NodeFacts node = new NodeFacts("cp-1", "cp-1.json", Instant.EPOCH, true, List.of(
                new NodeFacts.Process(Component.KUBE_SCHEDULER, "kube-scheduler", List.of("--profiling=true")),
                new NodeFacts.Process(Component.KUBE_APISERVER, "kube-apiserver", List.of("--profiling=true"))),
                null, List.of(), List.of());
        ComplianceReport report = evaluate(snapshot, ScanConfig.defaults().withNodeFacts(List.of(node)), "cis-1.12");

        assertThat(result(report, "1.4.1").verdicts()).singleElement().satisfies(v -> assertThat(v.evidence())
                .singleElement().satisfies(e -> {
                    assertThat(e.subject()).isEqualTo("Pod kube-system/kube-scheduler-cp-1");
                    assertThat(e.status()).isEqualTo(Status.PASS);
                }));
        assertThat(result(report, "1.2.15")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.verdicts().get(0).evidence().get(0).subject()).isEqualTo("node cp-1: kube-apiserver process");
        });
        assertThat(result(report, "2.3").status()).as("an application's etcd is not the cluster's")
                .isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void mappedControlsCarryEachMappingsStatusAndWhy() {
        ComplianceReport report = evaluate(TestSupport.snapshot("apps.yaml", TWO_NAMESPACES), ScanConfig.defaults(),
                "hipaa");
        ControlResult encryption = result(report, "164.312(a)(2)(iv)");
        ControlResult audit = result(report, "164.312(b)");

        assertThat(encryption.status()).isEqualTo(Status.MANUAL);
        assertThat(encryption.reason()).isEqualTo("not judged: cis-1.12/1.2.27 (not applicable), cis-1.12/1.2.28"
                + " (manual)");
        assertThat(encryption.mappings()).extracting(m -> m.target() + " " + m.status()).containsExactly(
                "cis-1.12/1.2.27 NOT_APPLICABLE", "cis-1.12/1.2.28 MANUAL");
        assertThat(audit.mappings()).allSatisfy(m -> assertThat(m.why()).isNotBlank());
    }
}
