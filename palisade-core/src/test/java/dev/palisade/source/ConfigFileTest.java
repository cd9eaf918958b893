package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** palisade.yaml: every key, and errors that name the key. */
class ConfigFileTest {

    @TempDir
    Path dir;

    private ScanConfig load(String yaml) throws IOException {
        Path file = dir.resolve("palisade.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.load(file);
    }

    @Test
    void readsEveryKeyIncludingTeamRules() throws IOException {
        ScanConfig config = load("""
                trustedRegistries: [registry.corp.example]
                ownerKeys: [team]
                systemNamespaces: [kube-system]
                policies:
                  disable: [workload-single-replica]
                  severity: {workload-without-owner: high}
                teams:
                  - team: payments
                    namespaces: [pay-*, billing]
                  - team: web
                    labels: {tier: frontend*}
                """);
        assertThat(config.trustedRegistries()).containsExactly("registry.corp.example");
        assertThat(config.ownerKeys()).containsExactly("team");
        assertThat(config.policies().disabled()).containsExactly("workload-single-replica");
        assertThat(config.policies().severities()).containsEntry("workload-without-owner", Severity.HIGH);
        assertThat(config.teams()).containsExactly(
                new ScanConfig.TeamRule("payments", List.of("pay-*", "billing"), Map.of()),
                new ScanConfig.TeamRule("web", List.of(), Map.of("tier", "frontend*")));
    }

    @Test
    void badTeamRulesAreErrorsNamingTheKey() {
        assertThatThrownBy(() -> load("teams: {payments: pay-*}\n"))
                .isInstanceOf(SourceException.class).hasMessageContaining("'teams' must be a list");
        assertThatThrownBy(() -> load("teams:\n  - namespaces: [pay]\n"))
                .hasMessageContaining("'teams[0].team' is required");
        assertThatThrownBy(() -> load("teams:\n  - team: x\n"))
                .hasMessageContaining("'teams[0]' needs namespaces or labels");
        assertThatThrownBy(() -> load("teams:\n  - team: x\n    namespace: [a]\n"))
                .hasMessageContaining("unknown key 'teams[0].namespace'");
        assertThatThrownBy(() -> load("teams:\n  - team: x\n    labels: [a]\n"))
                .hasMessageContaining("'teams[0].labels' must be a mapping");
    }
}
