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
        assertThat(workloads.size()).isEqualTo(33);
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
}
