package dev.palisade.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.scan.Enforcement;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SarifRendererTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode sarif(ScanReport report) {
        return JSON.readTree(Reports.render(new SarifRenderer(), report));
    }

    @Test
    void versionRulesAndResults() {
        ScanReport report = Reports.mixed();
        JsonNode root = sarif(report);

        assertThat(root.path("version").asString()).isEqualTo("2.1.0");
        assertThat(root.path("$schema").asString()).contains("sarif-2.1.0");
        assertThat(root.path("runs").size()).isEqualTo(1);
        JsonNode run = root.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asString()).isEqualTo("Palisade");

        JsonNode rules = run.path("tool").path("driver").path("rules");
        List<String> ruleIds = new ArrayList<>();
        rules.forEach(r -> ruleIds.add(r.path("id").asString()));
        assertThat(ruleIds).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(report.findings().stream().map(Finding::policy).distinct().toList());

        JsonNode results = run.path("results");
        assertThat(results.size()).isEqualTo(report.findings().size());
        for (JsonNode result : results) {
            String ruleId = result.path("ruleId").asString();
            assertThat(ruleIds).contains(ruleId);
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asString()).isEqualTo(ruleId);
            assertThat(result.path("message").path("text").asString()).isNotBlank();
        }
    }

    @Test
    void levelsFollowSeverity() {
        ScanReport report = Reports.mixed();
        JsonNode run = sarif(report).path("runs").get(0);

        Map<String, String> levelByRule = new HashMap<>();
        run.path("results").forEach(r -> levelByRule.put(r.path("ruleId").asString(), r.path("level").asString()));
        assertThat(levelByRule).containsEntry("privileged-container", "error")          // HIGH
                .containsEntry("service-load-balancer-open", "warning")                    // MEDIUM
                .containsEntry("ingress-without-tls", "warning")                           // MEDIUM
                .containsEntry("service-node-port", "note")                                // LOW
                .containsEntry("workload-without-owner", "note");                          // LOW
        run.path("tool").path("driver").path("rules").forEach(rule -> assertThat(
                rule.path("defaultConfiguration").path("level").asString())
                .isEqualTo(levelByRule.get(rule.path("id").asString())));

        assertThat(SarifRenderer.level(Severity.CRITICAL)).isEqualTo("error");
        assertThat(SarifRenderer.level(Severity.HIGH)).isEqualTo("error");
        assertThat(SarifRenderer.level(Severity.MEDIUM)).isEqualTo("warning");
        assertThat(SarifRenderer.level(Severity.LOW)).isEqualTo("note");
    }

    @Test
    void manifestFindingsHaveAPhysicalLocationWithAPercentEncodedRelativeUri() {
        ScanReport report = Reports.mixed();
        JsonNode results = sarif(report).path("runs").get(0).path("results");

        for (int i = 0; i < results.size(); i++) {
            JsonNode location = results.get(i).path("locations").get(0);
            JsonNode physical = location.path("physicalLocation");
            assertThat(physical.path("artifactLocation").path("uri").asString())
                    .isEqualTo("deploy/prod%20cluster/mixed.yaml");
            assertThat(physical.path("region").path("startLine").asInt())
                    .isPositive().isEqualTo(report.findings().get(i).location().line());
            Finding finding = report.findings().get(i);
            assertThat(location.path("logicalLocations").get(0).path("fullyQualifiedName").asString())
                    .isEqualTo(finding.resource() + (finding.container() == null ? "" : " container " + finding.container()));
        }
    }

    @Test
    void uris() {
        assertThat(SarifRenderer.uri("deploy/prod cluster/mixed.yaml")).isEqualTo("deploy/prod%20cluster/mixed.yaml");
        assertThat(SarifRenderer.uri("k8s/app.yaml")).isEqualTo("k8s/app.yaml");
        assertThat(SarifRenderer.uri("k8s/100% done#1.yaml")).isEqualTo("k8s/100%25%20done%231.yaml");
        assertThat(SarifRenderer.uri("k8s\\windows\\app.yaml")).isEqualTo("k8s/windows/app.yaml");
        assertThat(SarifRenderer.uri("/srv/prod cluster/app.yaml")).isEqualTo("file:///srv/prod%20cluster/app.yaml");
    }

    @Test
    void liveClusterFindingsHaveALogicalLocationOnly() {
        ScanReport mixed = Reports.mixed();
        ObjectRef ref = new ObjectRef("apps/v1", "Deployment", "shop", "live");
        Finding live = new Finding("test-critical", "A critical test finding", Severity.CRITICAL, ref, null, "",
                SourceLocation.endpoint("https://10.0.0.1:6443"), "seen in the cluster", "Fix it.", List.of(), Map.of(),
                Enforcement.ENFORCE, null);
        List<Finding> findings = new ArrayList<>(mixed.findings());
        findings.add(live);
        ScanReport report = new ScanReport(mixed.snapshot(), mixed.policiesEvaluated(), findings, mixed.answers(),
                mixed.sections(), mixed.problems());

        JsonNode run = sarif(report).path("runs").get(0);
        JsonNode result = run.path("results").get(0);   // CRITICAL sorts first
        assertThat(result.path("ruleId").asString()).isEqualTo("test-critical");
        assertThat(result.path("level").asString()).isEqualTo("error");
        assertThat(result.path("locations").get(0).has("physicalLocation")).isFalse();
        assertThat(result.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName")
                .asString()).isEqualTo("Deployment shop/live");
        Set<String> ids = new HashSet<>();
        run.path("tool").path("driver").path("rules").forEach(r -> ids.add(r.path("id").asString()));
        assertThat(ids).contains("test-critical");
    }
}
