package dev.palisade.cli;

import static dev.palisade.cli.PalisadeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --by team}: one report per owning team. */
class TeamReportCommandTest {

    @Test
    void everyTeamGetsItsOwnTwelveAnswersAndOnlyItsWorkloads() {
        PalisadeCommandTest.Run json = run("demo", "--by", "team", "-o", "json");
        assertThat(json.exitCode()).isZero();
        JsonNode teams = JsonMapper.builder().build().readTree(json.out()).get("teams");
        List<String> names = new ArrayList<>();
        int workloads = 0;
        for (JsonNode team : teams) {
            names.add(team.get("team").asString());
            JsonNode report = team.get("report");
            assertThat(report.get("answers").size()).isEqualTo(12);
            workloads += report.get("workloads").size();
            for (JsonNode finding : report.get("findings")) {
                assertThat(finding.get("resource").get("namespace").asString().isEmpty()
                        && !finding.get("resource").get("kind").asString().equals("Namespace"))
                        .as("cluster-scoped findings belong to no team").isFalse();
            }
        }
        assertThat(names).contains("payments", "storefront", "(no owner)");
        assertThat(workloads).isEqualTo(37);

        PalisadeCommandTest.Run table = run("demo", "--by", "team");
        assertThat(table.out()).contains("════ Team payments (4 workloads) ════");
        assertThat(run("demo", "--by", "team", "-o", "sarif").err()).contains("--by team writes table or json");
        assertThat(run("demo", "--by", "namespace").err()).contains("only 'team' is supported");
    }
}
