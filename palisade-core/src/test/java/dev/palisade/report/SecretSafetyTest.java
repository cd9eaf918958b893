package dev.palisade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.TestSupport;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No output format may carry a secret value, whatever the input. */
class SecretSafetyTest {

    /** The values written in report/secrets.yaml, in clear. */
    private static final List<String> CANARIES = List.of(
            "Palisade-Canary-Secret-7f3a9c",        // Secret data (base64 in the file)
            "Palisade-Canary-Token-51d2e8",         // Secret stringData
            "Palisade-Canary-ListSecret-0e9d5b",    // Secret data inside a v1 List (base64 in the file)
            "Palisade-Canary-EnvPassword-c4b1");    // a literal env value of a Deployment

    private static List<String> forbidden(List<String> canaries) {
        List<String> values = new ArrayList<>();
        for (String canary : canaries) {
            values.add(canary);
            String base64 = Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8));
            values.add(base64);
            values.add(base64.replaceAll("=+$", ""));
        }
        return values;
    }

    /** Every output of every format: the table with and without colour, JSON, SARIF and HTML. */
    private static List<String> renderAll(ScanReport report) {
        List<String> outputs = new ArrayList<>();
        for (OutputFormat format : OutputFormat.values()) {
            outputs.add(Reports.render(format, false, report));
            outputs.add(Reports.render(format, true, report));
        }
        return outputs;
    }

    private static void assertNoneContains(List<String> outputs, List<String> forbidden) {
        for (String output : outputs) {
            assertThat(output).isNotBlank().doesNotContain(forbidden);
        }
    }

    @Test
    void noSecretValueInAnyOutputFormat() {
        String yaml = TestSupport.resource("report/secrets.yaml");
        for (String canary : CANARIES) {
            assertThat(yaml).as("the fixture carries %s", canary).containsAnyOf(forbidden(List.of(canary))
                    .toArray(String[]::new));
        }
        Snapshot snapshot = TestSupport.snapshot("report/secrets.yaml", yaml);
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.countsByKind()).containsEntry("Secret", 2).containsEntry("Deployment", 2);
        ScanReport report = Scanner.scan(snapshot, new ScanConfig(List.of("registry.corp.example"), List.of()));
        // the report is not empty: the workloads that use the secrets are listed and have findings
        assertThat(report.findings()).extracting(f -> f.resource().name()).contains("checkout", "payments");

        assertNoneContains(renderAll(report), forbidden(CANARIES));
        // what the inventory keeps of a Secret: its key names, with empty values
        List<Secret> secrets = snapshot.ofKind("Secret", Secret.class);
        assertThat(secrets).hasSize(2);
        assertThat(secrets.get(0).getData()).containsOnly(entry("password", ""), entry("api-token", ""));
        assertThat(secrets.get(0).getStringData()).isNullOrEmpty();
        assertThat(secrets.get(0).getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(secrets.get(1).getData()).containsOnly(entry("key", ""));
    }

    @Test
    void jsonSyntaxErrorInASecretDoesNotEchoTheValue() {
        String canary = "PalisadeCanaryJsonTypo42";
        String json = """
                {
                  "apiVersion": "v1",
                  "kind": "Secret",
                  "metadata": {"name": "db-credentials", "namespace": "shop"},
                  "stringData": {"password": %s}
                }
                """.formatted(canary);
        Snapshot snapshot = TestSupport.snapshot("secret.json", json);
        assertThat(snapshot.problems()).hasSize(1);

        ScanReport report = Scanner.scan(snapshot, ScanConfig.defaults());
        assertNoneContains(renderAll(report), List.of(canary));
    }

    @Test
    void yamlErrorInASecretDoesNotEchoTheValue() {
        String canary = "PalisadeCanaryAlias42";
        String yaml = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db-credentials
                  namespace: shop
                stringData:
                  password: *%s
                """.formatted(canary);
        Snapshot snapshot = TestSupport.snapshot("secret.yaml", yaml);
        assertThat(snapshot.problems()).hasSize(1);

        ScanReport report = Scanner.scan(snapshot, ScanConfig.defaults());
        assertNoneContains(renderAll(report), List.of(canary));
    }
}
