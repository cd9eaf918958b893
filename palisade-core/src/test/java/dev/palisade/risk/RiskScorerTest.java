package dev.palisade.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The risk score: each factor's effect, monotonicity, stability, criticality, and the attack path. */
class RiskScorerTest {

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  serviceAccountName: web
                  containers:
                    - name: web
                      image: registry.example/web:1.0
                      ports: [{name: http, containerPort: 8080}]
                      securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
                                        capabilities: {drop: [ALL]}}
                      resources: {limits: {cpu: 100m, memory: 64Mi}, requests: {cpu: 100m, memory: 64Mi}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web, namespace: shop}
            """;
    private static final String BATCH = """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: batch, namespace: shop}
            spec:
              selector: {matchLabels: {app: batch}}
              template:
                metadata: {labels: {app: batch}}
                spec:
                  containers:
                    - name: batch
                      image: registry.example/batch:1.0
            """;
    private static final String LOAD_BALANCER = """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              type: LoadBalancer
              selector: {app: web}
              ports: [{port: 443, targetPort: http}]
            """;
    private static final String DENY_ALL = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec:
              podSelector: {}
            """;
    private static final String CLUSTER_ADMIN = """
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: web-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
            """;

    private static List<WorkloadRisk> score(String yaml, ScanConfig config) {
        Snapshot snapshot = TestSupport.snapshot("risk.yaml", yaml);
        assertThat(snapshot.problems()).isEmpty();
        ScanReport report = Scanner.scan(snapshot, config);
        return new RiskScorer(RiskModel.defaults()).score(snapshot, config, report.findings());
    }

    private static WorkloadRisk web(String yaml, ScanConfig config) {
        return score(yaml, config).stream().filter(r -> r.workload().name().equals("web")).findFirst().orElseThrow();
    }

    private static WorkloadRisk web(String yaml) {
        return web(yaml, ScanConfig.defaults());
    }

    private static double factor(WorkloadRisk risk, String name) {
        return risk.factors().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().contribution();
    }

    private static ScanConfig withVulnerability(String severity, boolean fixable, List<String> exploited) {
        return ScanConfig.defaults().with(VulnerabilityFacts.class, new VulnerabilityFacts(Map.of(
                "apps/Deployment/shop/web", new VulnerabilityFacts.Workload("CVE-2021-44228", severity, fixable, 3,
                        exploited, List.of("sh", "curl"), 400))));
    }

    @Test
    void internetExposureCountsOnlyWhatNetworkPoliciesAdmit() {
        assertThat(factor(web(WEB), "internet-exposure")).isEqualTo(4.0); // 0.2: open to the cluster
        assertThat(factor(web(WEB + DENY_ALL), "internet-exposure")).isZero();
        assertThat(factor(web(WEB + LOAD_BALANCER), "internet-exposure")).isEqualTo(20.0);
        assertThat(factor(web(WEB + LOAD_BALANCER + DENY_ALL), "internet-exposure")).isEqualTo(8.0); // blocked
    }

    @Test
    void eachFactorRaisesTheScore() {
        double base = web(WEB + DENY_ALL).score();
        assertThat(web(WEB + DENY_ALL + CLUSTER_ADMIN).score()).isGreaterThan(base);
        assertThat(factor(web(WEB + DENY_ALL + CLUSTER_ADMIN), "service-account-permissions")).isEqualTo(15.0);
        String privileged = WEB.replace("runAsNonRoot: true, allowPrivilegeEscalation: false",
                "privileged: true, allowPrivilegeEscalation: true");
        assertThat(web(privileged + DENY_ALL).score()).isGreaterThan(base);
        assertThat(factor(web(privileged + DENY_ALL), "privileges")).isEqualTo(20.0);
        ScanConfig vulnerable = withVulnerability("critical", true, List.of());
        assertThat(web(WEB + DENY_ALL, vulnerable).score()).isGreaterThan(base);
        assertThat(factor(web(WEB + DENY_ALL, vulnerable), "attacker-tools")).isEqualTo(2.0);
        assertThat(factor(web(WEB + DENY_ALL, vulnerable), "image-age")).isGreaterThan(4.9);
    }

    @Test
    void scoreIsMonotonicWhenRisksAccumulate() {
        List<String> steps = List.of(WEB + DENY_ALL, WEB, WEB + LOAD_BALANCER, WEB + LOAD_BALANCER + CLUSTER_ADMIN);
        double previous = -1;
        for (String step : steps) {
            double score = web(step).score();
            assertThat(score).isGreaterThanOrEqualTo(previous);
            previous = score;
        }
        double high = web(WEB + LOAD_BALANCER, withVulnerability("high", true, List.of())).score();
        double critical = web(WEB + LOAD_BALANCER, withVulnerability("critical", true, List.of())).score();
        double exploited = web(WEB + LOAD_BALANCER, withVulnerability("critical", true, List.of("CVE-2021-44228"))).score();
        double unfixable = web(WEB + LOAD_BALANCER, withVulnerability("critical", false, List.of())).score();
        assertThat(critical).isGreaterThan(high);
        assertThat(exploited).isGreaterThan(critical);
        assertThat(unfixable).isLessThan(critical);
    }

    @Test
    void criticalityMultipliesAndIsShownAsAFactor() {
        String critical = WEB.replace("metadata: {name: web, namespace: shop}\nspec:",
                "metadata: {name: web, namespace: shop, annotations: {palisade.dev/criticality: critical}}\nspec:");
        WorkloadRisk risk = web(critical + LOAD_BALANCER);
        double others = risk.factors().stream().filter(f -> !f.name().equals("criticality"))
                .mapToDouble(RiskFactor::contribution).sum();
        assertThat(factor(risk, "criticality")).isCloseTo(others * 0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(risk.score()).isEqualTo(Math.round(others * 1.5 * 10) / 10.0);
        String low = WEB.replace("metadata: {name: web, namespace: shop}\nspec:",
                "metadata: {name: web, namespace: shop, annotations: {palisade.dev/criticality: low}}\nspec:");
        assertThat(web(low + LOAD_BALANCER).score()).isLessThan(web(WEB + LOAD_BALANCER).score());
        assertThat(risk.factors()).anySatisfy(f -> assertThat(f.name() + " " + f.detail()).isEqualTo("criticality critical (×1.5)"));
    }

    @Test
    void sameInputSameScoresAndOrder() {
        String yaml = WEB + BATCH + LOAD_BALANCER + CLUSTER_ADMIN;
        List<WorkloadRisk> first = score(yaml, ScanConfig.defaults());
        List<WorkloadRisk> second = score(yaml, ScanConfig.defaults());
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(WorkloadRisk::rank).containsExactly(1, 2);
        assertThat(first.get(0).workload().name()).isEqualTo("web");
    }

    @Test
    void attackPathRunsFromTheInternetToWhatTheServiceAccountCanDo() {
        WorkloadRisk risk = web(WEB + LOAD_BALANCER + CLUSTER_ADMIN, withVulnerability("critical", true,
                List.of("CVE-2021-44228")));
        assertThat(risk.path()).containsExactly("internet", "Service shop/web:443",
                "Deployment shop/web (CVE-2021-44228, critical, fixable, known exploited)", "ServiceAccount shop/web",
                "holds cluster-admin equivalent");
        assertThat(risk.why()).startsWith("vulnerabilities +").contains("exposed-and-vulnerable", "internet-exposure");
        WorkloadRisk hidden = web(WEB + LOAD_BALANCER + DENY_ALL);
        assertThat(hidden.path()).containsExactly("Deployment shop/web");
    }
}
