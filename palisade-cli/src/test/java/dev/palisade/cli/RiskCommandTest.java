package dev.palisade.cli;

import static dev.palisade.cli.PalisadeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code palisade risk} on the bundled demo cluster. */
class RiskCommandTest {

    private static final String DEMO = Path.of("src/main/resources/demo").toString();

    @Test
    void ranksWorkloadsWithFactorsAndPaths() {
        PalisadeCommandTest.Run table = run("risk", DEMO, "--top", "3");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().filter(l -> l.matches("\\s+\\d+\\s+[0-9.]+\\s+.*"))).hasSize(3);
        assertThat(table.out()).contains("path: internet → ");

        JsonNode json = JsonMapper.builder().build().readTree(run("risk", DEMO, "-o", "json", "--top", "0").out());
        JsonNode workloads = json.get("workloads");
        assertThat(workloads.size()).isEqualTo(37);
        JsonNode first = workloads.get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("resource").has("kind") && first.get("resource").has("namespace")).isTrue();
        assertThat(first.get("factors").size()).isEqualTo(11);
        assertThat(first.get("path").size()).isPositive();
        for (int i = 1; i < workloads.size(); i++) {
            assertThat(workloads.get(i).get("score").asDouble()).isLessThanOrEqualTo(workloads.get(i - 1).get("score").asDouble());
        }
        assertThat(run("risk", DEMO, "--top", "-1").exitCode()).isEqualTo(2);
    }

    @Test
    void runtimeFilesFeedQuestionsEightToTenAndTheRiskScore(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path alerts = dir.resolve("alerts.jsonl");
        java.nio.file.Files.writeString(alerts, "{\"rule\":\"Terminal shell in container\",\"priority\":\"Notice\","
                + "\"output_fields\":{\"k8s.ns.name\":\"data\",\"k8s.pod.name\":\"postgres-0\"}}\nbroken\n");
        Path processes = dir.resolve("processes.csv");
        java.nio.file.Files.writeString(processes, "namespace,pod,container,executable,user,lastSeen\n"
                + "data,postgres-0,postgres,/usr/lib/postgresql/16/bin/postgres,postgres,\n");
        Path flows = dir.resolve("flows.csv");
        java.nio.file.Files.writeString(flows, "source,destination,port\npayments/payments-api,data/postgres,5432\n"
                + "shop/api,payments/payments-api,8080\nnobody/x,data/postgres,5432\n");
        PalisadeCommandTest.Run scan = run("scan", DEMO, "--runtime-alerts", alerts.toString(), "--processes",
                processes.toString(), "--flows", flows.toString(), "-o", "json");
        assertThat(scan.exitCode()).isZero();
        assertThat(scan.err()).contains(alerts + ": line 2: not JSON");
        JsonNode answers = JsonMapper.builder().build().readTree(scan.out()).get("answers");
        JsonNode eight = answers.get(7);
        JsonNode ten = answers.get(9);
        assertThat(eight.get("status").asString()).isEqualTo("ANSWERED");
        assertThat(eight.toString()).contains("/usr/lib/postgresql/16/bin/postgres");
        assertThat(ten.get("summary").asString()).contains("StatefulSet data/postgres");
        JsonNode nine = answers.get(8);
        assertThat(nine.get("status").asString()).isEqualTo("ANSWERED");
        assertThat(nine.get("summary").asString()).contains("in 2 observed flows", "1 observed flow is denied");
        assertThat(scan.err()).contains(flows.toString(), "nobody/x");
        JsonNode risk = JsonMapper.builder().build().readTree(run("risk", DEMO, "--runtime-alerts", alerts.toString(),
                "-o", "json", "--top", "0").out());
        boolean found = false;
        for (JsonNode workload : risk.get("workloads")) {
            if (workload.get("resource").get("name").asString().equals("postgres")) {
                for (JsonNode factor : workload.get("factors")) {
                    if (factor.get("name").asString().equals("runtime-anomalies")) {
                        assertThat(factor.get("contribution").asDouble()).isEqualTo(7.5);
                        found = true;
                    }
                }
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void demoRanksTheExposedKnownExploitedClusterAdminWorkloadFirst() {
        JsonNode answers = JsonMapper.builder().build().readTree(run("demo", "-o", "json").out()).get("answers");
        JsonNode five = answers.get(4);
        assertThat(five.get("status").asString()).isEqualTo("ANSWERED");
        JsonNode first = five.get("rows").get(0);
        assertThat(first.get(1).asString()).isEqualTo("Deployment admin-tools/admin-console");
        assertThat(first.get(4).asString()).startsWith("internet → ")
                .contains("CVE-2021-44228, critical, fixable, known exploited", "holds cluster-admin equivalent");
        assertThat(five.get("rows").size()).isEqualTo(5);
        JsonNode three = answers.get(2);
        assertThat(three.get("status").asString()).isEqualTo("ANSWERED");
        assertThat(three.get("rows").get(0).get(0).asString()).isEqualTo("CVE-2021-44228");
        assertThat(three.get("rows").get(0).get(5).asString()).isEqualTo("yes");
        assertThat(answers.get(1).get("status").asString()).isEqualTo("PARTIAL"); // some demo images have no SBOM
    }
}
