package dev.palisade.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static final String WORKLOADS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {tier: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: app
                      image: registry.corp.example/web:1.0
                      securityContext: {privileged: true}
                    - name: sidecar
                      image: envoyproxy/envoy:latest
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: report
              namespace: batch
              annotations:
                palisade.dev/exempt: "test-privileged, other"
                palisade.dev/exempt-reason: vendor image, ticket SEC-42
            spec:
              schedule: "0 1 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: job
                          image: busybox:1.36
                          securityContext: {privileged: true}
            """;

    private static List<Finding> evaluate(String policyYaml) {
        return evaluate(policyYaml, LocalDate.of(2026, 6, 1));
    }

    private static List<Finding> evaluate(String policyYaml, LocalDate today) {
        PolicyParser.Result parsed = new PolicyParser().parse("test.yaml", policyYaml);
        assertThat(parsed.problems()).isEmpty();
        Snapshot snapshot = TestSupport.snapshot("w.yaml", WORKLOADS);
        return PolicyEngine.evaluate(new PolicyContext(snapshot, ScanConfig.defaults(), today), parsed.policies());
    }

    private static String policy(String criteria) {
        return "id: test-privileged\nseverity: high\ntarget: container\nremediation: fix\ncriteria:\n" + criteria;
    }

    @Test
    void containerCriteriaOfOneSectionMustHoldForTheSameContainer() {
        List<Finding> findings = evaluate(policy("""
                  - match:
                      - field: Privileged Container
                        values: [true]
                      - field: Image Tag
                        values: [latest]
                """));

        assertThat(findings).isEmpty();
    }

    @Test
    void sectionsAreAlternativesAndEachContainerIsOneFinding() {
        List<Finding> findings = evaluate(policy("""
                  - match:
                      - field: Privileged Container
                        values: [true]
                  - match:
                      - field: Image Tag
                        values: [latest]
                """));

        assertThat(findings).extracting(f -> f.resource().name() + "/" + f.container())
                .containsExactlyInAnyOrder("web/app", "web/sidecar", "report/job");
        Finding app = findings.stream().filter(f -> "app".equals(f.container())).findFirst().orElseThrow();
        assertThat(app.path()).isEqualTo("spec.template.spec.containers[0].securityContext.privileged");
        assertThat(app.message()).isEqualTo("container \"app\" runs privileged (securityContext.privileged: true)");
        Finding job = findings.stream().filter(f -> "job".equals(f.container())).findFirst().orElseThrow();
        assertThat(job.path()).isEqualTo("spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged");
        assertThat(job.location().line()).isPositive();
    }

    @Test
    void pathsPointIntoTheObjectAsWritten() {
        assertThat(PolicyEngine.objectPath("Deployment", "containers[0].image"))
                .isEqualTo("spec.template.spec.containers[0].image");
        assertThat(PolicyEngine.objectPath("Pod", "containers[0].image")).isEqualTo("spec.containers[0].image");
        assertThat(PolicyEngine.objectPath("CronJob", "podMetadata.annotations"))
                .isEqualTo("spec.jobTemplate.spec.template.metadata.annotations");
        assertThat(PolicyEngine.objectPath("Pod", "podMetadata.annotations")).isEqualTo("metadata.annotations");
        assertThat(PolicyEngine.objectPath("StatefulSet", "metadata.labels.team")).isEqualTo("metadata.labels.team");
    }

    @Test
    void exemptionAnnotationsAreReportedNotDropped() {
        List<Finding> findings = evaluate(policy("""
                  - match:
                      - field: Privileged Container
                        values: [true]
                """));

        Finding job = findings.stream().filter(f -> f.resource().name().equals("report")).findFirst().orElseThrow();
        assertThat(job.exempted()).isTrue();
        assertThat(job.exemption()).isEqualTo("annotation palisade.dev/exempt: vendor image, ticket SEC-42");
        assertThat(findings.stream().filter(f -> f.resource().name().equals("web")).findFirst().orElseThrow().active())
                .isTrue();
    }

    @Test
    void exclusionsApplyUntilTheyExpire() {
        String yaml = """
                id: any-privileged
                severity: high
                remediation: fix
                target: container
                exclusions:
                  - namespace: shop
                    reason: migration
                    expires: 2026-07-01
                criteria:
                  - match:
                      - field: Privileged Container
                        values: [true]
                """;

        Finding before = evaluate(yaml, LocalDate.of(2026, 6, 30)).stream()
                .filter(f -> f.resource().name().equals("web")).findFirst().orElseThrow();
        assertThat(before.exemption()).isEqualTo("excluded by the policy: migration (until 2026-07-01)");
        Finding after = evaluate(yaml, LocalDate.of(2026, 7, 1)).stream()
                .filter(f -> f.resource().name().equals("web")).findFirst().orElseThrow();
        assertThat(after.active()).isTrue();
    }

    @Test
    void scopeLimitsWhatIsEvaluated() {
        List<Finding> findings = evaluate("""
                id: scoped
                severity: low
                remediation: fix
                target: container
                scope: {labels: {tier: web}}
                criteria:
                  - match:
                      - field: Privileged Container
                        values: [true]
                """);

        assertThat(findings).extracting(f -> f.resource().name()).containsExactly("web");
    }

    @Test
    void negationAndAllOperator() {
        List<Finding> noReadOnly = evaluate(policy("""
                  - match:
                      - field: Container Name
                        values: [sidecar, job]
                        negate: true
                """));
        assertThat(noReadOnly).extracting(Finding::container).containsExactly("app");
        assertThat(noReadOnly.get(0).message()).isEqualTo("container \"app\" no container name matching sidecar or job");

        List<Finding> both = evaluate("""
                id: both-labels
                severity: low
                remediation: fix
                criteria:
                  - match:
                      - field: Pod Label
                        values: ["app=web", "tier=.*"]
                        operator: AND
                """);
        assertThat(both).isEmpty();
        List<Finding> either = evaluate("""
                id: either-label
                severity: low
                remediation: fix
                criteria:
                  - match:
                      - field: Pod Label
                        values: ["app=web", "tier=.*"]
                """);
        assertThat(either).extracting(f -> f.resource().name()).containsExactly("web");
    }

    @Test
    void celCriteriaSeeThePodSpecAndTheContainer() {
        List<Finding> findings = evaluate(policy("""
                  - match:
                      - cel: "container.image.startsWith('registry.corp.example/') && size(podSpec.containers) == 2"
                      - cel: "has(container.securityContext) && podSpec.containers.exists(c, c.name == 'sidecar')"
                """));

        assertThat(findings).extracting(f -> f.resource().name() + "/" + f.container()).containsExactly("web/app");
    }

    @Test
    void objectTargetsEvaluateTheirKinds() {
        String yaml = """
                id: all-namespaces
                severity: low
                remediation: fix
                target: namespace
                criteria:
                  - match:
                      - field: Has Network Policy
                        values: [false]
                """;
        PolicyParser.Result parsed = new PolicyParser().parse("ns.yaml", yaml);
        Snapshot snapshot = TestSupport.snapshot("ns.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: open}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: closed}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: closed}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """);

        List<Finding> findings = PolicyEngine.evaluate(new PolicyContext(snapshot, ScanConfig.defaults(),
                LocalDate.of(2026, 1, 1)), parsed.policies());

        assertThat(findings).extracting(f -> f.resource().toString()).containsExactly("Namespace open");
        assertThat(findings.get(0).message()).isEqualTo("has no NetworkPolicy");
    }
}
