package dev.palisade.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.vuln.ImageScans;
import dev.palisade.vuln.ImageScansFile;
import java.time.Instant;
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

    /**
     * Scan results for the web workload's images: app has an unfixable critical and a fixable low vulnerability,
     * sidecar seven fixable high ones. The report job's busybox image was not scanned.
     */
    private static final String SCANS = """
            images:
              - reference: registry.corp.example/web:1.0
                scannedAt: 2025-12-01T00:00:00Z
                os: {id: debian, versionId: "12"}
                packages:
                  - {type: deb, name: zlib1g, version: 1.2.13.dfsg-1}
                  - {type: deb, name: tar, version: 1.34+dfsg-1.2}
                vulnerabilities:
                  - {id: CVE-2023-45853, package: zlib1g, severity: critical, cvss: 9.8}
                  - {id: CVE-2023-39804, package: tar, severity: low, fixedVersion: 1.34+dfsg-1.2+deb12u1, aliases: [DLA-3684-1], published: 2023-11-28T10:00:00Z}
              - reference: envoyproxy/envoy:latest
                scannedAt: 2025-12-01T00:00:00Z
                user: "101"
                packages:
                  - {type: golang, name: golang.org/x/net, version: v0.17.0}
                vulnerabilities:
                  - {id: CVE-2023-45288, package: golang.org/x/net, severity: high, fixedVersion: v0.23.0}
                  - {id: CVE-2023-44487, package: golang.org/x/net, severity: high, fixedVersion: v0.17.0}
                  - {id: CVE-2023-39325, package: golang.org/x/net, severity: high, fixedVersion: v0.17.0}
                  - {id: CVE-2023-3978, package: golang.org/x/net, severity: high, fixedVersion: v0.13.0}
                  - {id: CVE-2022-41723, package: golang.org/x/net, severity: high, fixedVersion: v0.7.0}
                  - {id: CVE-2022-27664, package: golang.org/x/net, severity: high, fixedVersion: v0.0.0-20220906165146-f3363e06e74c}
                  - {id: CVE-2021-44716, package: golang.org/x/net, severity: high, fixedVersion: v0.0.0-20211209124913-491a49abca63}
            """;

    private static List<Finding> evaluateWithScans(String policyYaml, Instant scannedAt) {
        PolicyParser.Result parsed = new PolicyParser().parse("test.yaml", policyYaml);
        assertThat(parsed.problems()).isEmpty();
        ScanConfig config = ScanConfig.defaults().with(ImageScans.class, ImageScansFile.parse("scans.yaml", SCANS,
                scannedAt));
        return PolicyEngine.evaluate(new PolicyContext(TestSupport.snapshot("w.yaml", WORKLOADS), config,
                LocalDate.of(2026, 6, 1)), parsed.policies());
    }

    private static List<Finding> evaluateWithScans(String policyYaml) {
        return evaluateWithScans(policyYaml, TestSupport.FIXED_TIME);
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

    @Test
    void vulnerabilityCriteriaOfOneSectionMustHoldForTheSameVulnerability() {
        List<Finding> sameVulnerability = evaluateWithScans(policy("""
                  - match:
                      - field: Fixable
                        values: [true]
                      - field: Severity
                        values: [">= important"]
                """));
        List<Finding> eitherVulnerability = evaluateWithScans(policy("""
                  - match:
                      - field: Fixable
                        values: [true]
                  - match:
                      - field: Severity
                        values: [critical]
                """));

        assertThat(sameVulnerability).extracting(Finding::container).containsExactly("sidecar");
        assertThat(eitherVulnerability).extracting(Finding::container).containsExactlyInAnyOrder("app", "sidecar");
    }

    @Test
    void negatedVulnerabilityCriteriaHoldForVulnerabilitiesThatDoNotMatch() {
        List<Finding> criticalOtherThanZlib = evaluateWithScans(policy("""
                  - match:
                      - field: Severity
                        values: [critical]
                      - field: CVE
                        values: [CVE-2023-45853]
                        negate: true
                """));
        List<Finding> otherThanZlib = evaluateWithScans(policy("""
                  - match:
                      - field: CVE
                        values: [CVE-2023-45853]
                        negate: true
                      - field: Container Name
                        values: [app]
                """));

        assertThat(criticalOtherThanZlib).isEmpty();
        assertThat(otherThanZlib).extracting(Finding::container).containsExactly("app");
    }

    @Test
    void vulnerabilityAndContainerCriteriaCombine() {
        List<Finding> findings = evaluateWithScans(policy("""
                  - match:
                      - field: CVE
                        values: ["DLA-.*"]
                      - field: Privileged Container
                        values: [true]
                """));

        assertThat(findings).extracting(f -> f.resource().name() + "/" + f.container()).containsExactly("web/app");
        assertThat(findings.get(0).message()).isEqualTo("container \"app\" image registry.corp.example/web:1.0 has"
                + " CVE-2023-39804, also known as DLA-3684-1 (low, fixable in 1.34+dfsg-1.2+deb12u1) in tar 1.34+dfsg-1.2");
        assertThat(findings.get(0).path()).isEqualTo("spec.template.spec.containers[0].image");
    }

    @Test
    void messagesNameTheWorstVulnerabilitiesAndCountTheOthers() {
        Finding sidecar = evaluateWithScans(policy("""
                  - match:
                      - field: Fixed By
                        values: [".*"]
                """)).stream().filter(f -> "sidecar".equals(f.container())).findFirst().orElseThrow();

        assertThat(sidecar.message().split("; ")).hasSize(PolicyEngine.VULNERABILITIES_NAMED + 1);
        assertThat(sidecar.message()).startsWith("container \"sidecar\" image envoyproxy/envoy:latest has"
                + " CVE-2021-44716 (high, fixable in v0.0.0-20211209124913-491a49abca63) in golang.org/x/net v0.17.0")
                .endsWith("; and 2 more vulnerabilities");
    }

    @Test
    void imageScanFieldsHaveNoValueWithoutScansAndAnUnscannedImageIsNamed() {
        String unscanned = policy("""
                  - match:
                      - field: Unscanned Image
                        values: [true]
                """);

        assertThat(evaluate(unscanned)).isEmpty();
        assertThat(evaluateWithScans(unscanned)).extracting(f -> f.container() + ": " + f.message())
                .containsExactly("job: container \"job\" image busybox:1.36 was not scanned");
    }

    @Test
    void agesAreCountedAtTheScansMomentElseOnTheContextsDay() {
        String scannedDaysAgo = policy("""
                  - match:
                      - field: Image Scan Age
                        values: [">= 31"]
                      - field: Container Name
                        values: [app]
                """);

        assertThat(evaluateWithScans(scannedDaysAgo)).extracting(Finding::message)
                .containsExactly("container \"app\" image registry.corp.example/web:1.0 was scanned 31 days ago"
                        + " (2025-12-01)");
        assertThat(evaluateWithScans(scannedDaysAgo.replace(">= 31", "182"), null)).hasSize(1);
    }

    @Test
    void imageContentsAndPublicationAgesAreNamedInMessages() {
        List<String> messages = evaluateWithScans(policy("""
                  - match:
                      - field: Image OS
                        values: ["debian:12"]
                  - match:
                      - field: Image User
                        values: ["[1-9][0-9]*"]
                  - match:
                      - field: Days Since CVE Was Published
                        values: ["> 700"]
                """)).stream().map(Finding::message).toList();
        List<String> publishedLater = evaluateWithScans(policy("""
                  - match:
                      - field: Days Since CVE Was Published
                        values: ["> 764"]
                """)).stream().map(Finding::message).toList();

        assertThat(messages).containsExactlyInAnyOrder(
                "container \"app\" image registry.corp.example/web:1.0 is built on debian:12",
                "container \"sidecar\" image envoyproxy/envoy:latest runs as user 101");
        assertThat(publishedLater).isEmpty();
    }

    @Test
    void publicationAgeHoldsForTheVulnerabilityItDates() {
        assertThat(evaluateWithScans(policy("""
                  - match:
                      - field: Days Since CVE Was Published
                        values: [764]
                      - field: CVE
                        values: [CVE-2023-39804]
                """))).extracting(Finding::container).containsExactly("app");
    }
}
