package dev.palisade.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonRendererTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(ScanReport report) {
        return JSON.readTree(Reports.render(new JsonRenderer(), report));
    }

    @Test
    void topLevelAndInventory() {
        ScanReport report = Reports.mixed();
        JsonNode root = json(report);

        assertThat(root.path("schemaVersion").isString()).isTrue();
        assertThat(root.path("schemaVersion").asString()).isEqualTo("2");
        assertThat(root.path("tool").path("name").asString()).isEqualTo("palisade");
        assertThat(root.path("tool").path("version").asString()).isNotBlank();
        JsonNode inventory = root.path("inventory");
        assertThat(inventory.path("objects").isInt()).isTrue();
        assertThat(inventory.path("objects").asInt()).isEqualTo(report.snapshot().objects().size()).isEqualTo(7);
        assertThat(inventory.path("workloads").asInt()).isEqualTo(3);
        assertThat(inventory.path("namespaces").asInt()).isEqualTo(2);
        assertThat(inventory.path("sources").get(0).asString()).isEqualTo(Reports.MIXED_ORIGIN);
        assertThat(inventory.path("loadedAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(inventory.path("kinds").path("Deployment").asInt()).isEqualTo(2);
        assertThat(inventory.path("kinds").path("Service").asInt()).isEqualTo(2);
        assertThat(inventory.path("problems").asInt()).isZero();
        assertThat(root.path("policiesEvaluated").asInt()).isEqualTo(report.policiesEvaluated()).isPositive();
        assertThat(root.path("problems").isArray()).isTrue();
        assertThat(root.path("problems").size()).isZero();
    }

    @Test
    void workloadsCarryTheirContainersWithRegistry() {
        JsonNode workloads = json(Reports.mixed()).path("workloads");

        assertThat(workloads.size()).isEqualTo(3);
        JsonNode storefront = null;
        for (JsonNode workload : workloads) {
            assertThat(workload.path("source").path("line").asInt()).isPositive();
            for (JsonNode container : workload.path("containers")) {
                assertThat(container.path("registry").asString()).as("registry of %s", container).isNotBlank();
            }
            if (workload.path("name").asString().equals("storefront")) {
                storefront = workload;
            }
        }
        assertThat(storefront).isNotNull();
        assertThat(storefront.path("kind").asString()).isEqualTo("Deployment");
        assertThat(storefront.path("namespace").asString()).isEqualTo("shop");
        assertThat(storefront.path("replicas").asInt()).isEqualTo(3);
        List<String> containers = new ArrayList<>();
        storefront.path("containers").forEach(c -> containers.add(c.path("kind").asString() + " "
                + c.path("name").asString() + " " + c.path("registry").asString() + " "
                + c.path("repository").asString() + " " + c.path("tag").asString()));
        assertThat(containers).containsExactly(
                "init wait-for-db docker.io library/busybox 1.36.1",
                "regular web registry.corp.example shop/web 5.0.0",
                "regular metrics quay.io prometheus/statsd-exporter v0.26.1");
    }

    @Test
    void findingsCarryTheirSourceLine() {
        ScanReport report = Reports.mixed();
        JsonNode findings = json(report).path("findings");

        assertThat(findings.size()).isEqualTo(report.findings().size()).isGreaterThanOrEqualTo(6);
        for (int i = 0; i < findings.size(); i++) {
            JsonNode node = findings.get(i);
            Finding finding = report.findings().get(i);
            assertThat(node.path("policy").asString()).isEqualTo(finding.policy());
            assertThat(node.path("severity").asString()).isEqualTo(finding.severity().name());
            assertThat(node.path("resource").path("name").asString()).isEqualTo(finding.resource().name());
            assertThat(node.path("source").path("file").asString()).isEqualTo(Reports.MIXED_ORIGIN);
            assertThat(node.has("container")).isTrue();
            assertThat(node.path("path").asString()).isEqualTo(finding.path());
            assertThat(node.path("exempted").asBoolean()).isEqualTo(finding.exempted());
            assertThat(node.path("source").path("line").isInt()).isTrue();
            assertThat(node.path("source").path("line").asInt()).isPositive().isEqualTo(finding.location().line());
            assertThat(node.path("message").asString()).isNotBlank();
        }
        List<String> checks = new ArrayList<>();
        findings.forEach(f -> checks.add(f.path("policy").asString()));
        assertThat(checks).contains("privileged-container", "service-load-balancer-open", "service-node-port",
                "ingress-without-tls", "image-mutable-tag", "image-untrusted-registry", "workload-without-owner");
    }

    @Test
    void twelveAnswersNumberedOneToTwelve() {
        JsonNode answers = json(Reports.mixed()).path("answers");

        assertThat(answers.size()).isEqualTo(12);
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode answer : answers) {
            numbers.add(answer.path("number").asInt());
            assertThat(answer.path("question").asString()).isNotBlank();
            assertThat(answer.path("status").asString()).isIn("ANSWERED", "PARTIAL", "NEEDS_DATA");
            assertThat(answer.path("summary").asString()).isNotBlank();
            assertThat(answer.path("columns").isArray()).isTrue();
            assertThat(answer.path("rows").isArray()).isTrue();
            for (JsonNode row : answer.path("rows")) {
                assertThat(row.size()).isEqualTo(answer.path("columns").size());
            }
        }
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    void outputIsDeterministic() {
        assertThat(Reports.render(new JsonRenderer(), Reports.mixed()))
                .isEqualTo(Reports.render(new JsonRenderer(), Reports.mixed()));
    }
}
