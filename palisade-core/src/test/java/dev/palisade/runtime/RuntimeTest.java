package dev.palisade.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Answer;
import dev.palisade.scan.ScanConfig;
import dev.palisade.source.SourceException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runtime files (Falco alerts, process lists) and the answers to questions 8 and 10. */
class RuntimeTest {

    private static final Snapshot SHOP = TestSupport.snapshot("shop.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers: [{name: api, image: registry.example/api:1.0}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: db, image: registry.example/db:1.0}]
            """);

    @Test
    void falcoAlertsAreReadLineByLineAndBadLinesAreReportedNotFatal() {
        RuntimeFiles.Read<RuntimeAlert> read = RuntimeFiles.alerts("alerts.jsonl", List.of(
                "{\"time\":\"2026-11-26T07:42:10.118342000Z\",\"rule\":\"Run shell untrusted\",\"priority\":\"Notice\","
                        + "\"output\":\"07:42:10: Notice Shell spawned (cmdline=sh -c echo s3cr3t)\","
                        + "\"output_fields\":{\"k8s.ns.name\":\"shop\",\"k8s.pod.name\":\"api-5b8c7d9f6-q9w8e\","
                        + "\"container.name\":\"api\",\"proc.name\":\"sh\",\"proc.cmdline\":\"sh -c echo s3cr3t\"}}",
                "not json",
                "{\"priority\":\"Notice\"}",
                "",
                "{\"time\":\"yesterday\",\"rule\":\"Terminal shell in container\",\"priority\":\"Notice\","
                        + "\"output_fields\":{\"k8s.ns.name\":\"shop\",\"k8s.pod.name\":\"db-0\"}}"));
        assertThat(read.items()).hasSize(2);
        assertThat(read.items().get(0)).satisfies(a -> {
            assertThat(a.rule()).isEqualTo("Run shell untrusted");
            assertThat(a.pod()).isEqualTo("api-5b8c7d9f6-q9w8e");
            assertThat(a.process()).isEqualTo("sh");
            assertThat(a.toString()).doesNotContain("s3cr3t");
        });
        assertThat(read.items().get(1).time()).isNull();
        assertThat(read.problems()).containsExactly("alerts.jsonl: line 2: not JSON (Unrecognized token 'not': was expecting"
                        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))",
                "alerts.jsonl: line 3: not a Falco alert (no 'rule')",
                "alerts.jsonl: line 5: time 'yesterday' is not ISO-8601; kept without a time");
    }

    @Test
    void processListsReadFromCsvAndJson() {
        RuntimeFiles.Read<ProcessObservation> csv = RuntimeFiles.processes("p.csv", List.of(
                "namespace,pod,container,executable,user,lastSeen", "shop,api-1,api,/usr/bin/java,1000,2026-11-26T08:00:00Z",
                "shop,,api,/bin/sh", "shop,db-0,db,/usr/bin/postgres"));
        assertThat(csv.items()).extracting(ProcessObservation::executable).containsExactly("/usr/bin/java", "/usr/bin/postgres");
        assertThat(csv.problems()).containsExactly("p.csv: line 3: expected namespace,pod,container,executable[,user,lastSeen]");
        assertThatThrownBy(() -> RuntimeFiles.processes("p.csv", List.of("pod,exe")))
                .isInstanceOf(SourceException.class).hasMessageContaining("expected the CSV header");
        RuntimeFiles.Read<ProcessObservation> json = RuntimeFiles.processes("p.json", List.of(
                "[{\"namespace\":\"shop\",\"pod\":\"db-0\",\"container\":\"db\",\"executable\":\"/usr/bin/postgres\"},",
                " {\"namespace\":\"shop\"}]"));
        assertThat(json.items()).hasSize(1);
        assertThat(json.problems()).containsExactly("p.json: item 2: a process needs namespace, pod and executable");
    }

    @Test
    void questionsEightAndTenNeedDataUntilGivenThenAttributePodsToWorkloads() {
        ScanConfig none = ScanConfig.defaults();
        assertThat(new ProcessInventory().analyze(SHOP, none, List.of()).answers().get(0).status())
                .isEqualTo(Answer.Status.NEEDS_DATA);
        assertThat(new RuntimeAlerts().analyze(SHOP, none, List.of()).answers().get(0).needs())
                .contains("--runtime-alerts");

        ScanConfig given = none.with(RuntimeData.class, new RuntimeData(
                List.of(new ProcessObservation("shop", "api-5b8c7d9f6-q9w8e", "api", "/usr/bin/java", "1000", null),
                        new ProcessObservation("shop", "api-5b8c7d9f6-q9w8e", "api", "/bin/sh", "1000", null),
                        new ProcessObservation("shop", "db-0", "db", "/usr/bin/postgres", "", null),
                        new ProcessObservation("other", "ghost-1", "x", "/bin/x", "", null)),
                List.of(new RuntimeAlert(null, "Run shell untrusted", "Notice", "shop", "api-5b8c7d9f6-q9w8e", "api", "sh", List.of()),
                        new RuntimeAlert(null, "Read sensitive file untrusted", "Warning", "shop", "api-5b8c7d9f6-q9w8e", "api", "cat", List.of()),
                        new RuntimeAlert(null, "Terminal shell in container", "Notice", "nowhere", "x-1", "", "", List.of()))));
        Answer processes = new ProcessInventory().analyze(SHOP, given, List.of()).answers().get(0);
        assertThat(processes.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(processes.table().rows()).extracting(r -> r.get(0) + " | " + r.get(1) + " | " + r.get(2)).containsExactly(
                "Deployment shop/api | api | /bin/sh (1000), /usr/bin/java (1000)",
                "StatefulSet shop/db | db | /usr/bin/postgres");
        assertThat(processes.summary()).contains("3 observed processes", "other/ghost-1");
        Answer alerts = new RuntimeAlerts().analyze(SHOP, given, List.of()).answers().get(0);
        assertThat(alerts.table().rows()).singleElement().satisfies(r -> {
            assertThat(r.get(0)).isEqualTo("Deployment shop/api");
            assertThat(r.get(1)).isEqualTo("2");
            assertThat(r.get(3)).isEqualTo("Warning");
        });
        assertThat(alerts.summary()).contains("1 workload saw runtime alerts", "1 alert on pods not in the inventory");
    }
}
