package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.InputProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueParserTest {

    private static final CatalogueParser PARSER = new CatalogueParser(Catalogue.known());

    private static List<String> problems(String text) {
        return PARSER.parse("custom.yaml", text).problems().stream().map(InputProblem::toString).toList();
    }

    private static String catalogue(String controls) {
        return """
                standard: custom
                title: Custom
                sections:
                  - id: "1"
                    title: Section
                    controls:
                """ + controls.indent(6);
    }

    @Test
    void readsEveryWayOfJudgingAControl() {
        CatalogueParser.Result result = PARSER.parse("custom.yaml", catalogue("""
                - id: "1.1"
                  title: Profiling off
                  automated: true
                  equivalents: {kubescape: C-0129}
                  settings: {component: kube-apiserver, flag: --profiling, eq: "false"}
                - id: "1.2"
                  title: Manifest permissions
                  file: {role: pki, suffix: .key, permissions: "600"}
                - id: "1.3"
                  title: Privileged
                  checks: [privileged-container]
                - id: "1.4"
                  title: Host namespaces
                  podSecurity: [hostNamespaces]
                - id: "1.5"
                  title: Mapped
                  maps:
                    - {control: cis-1.12/1.2.16, why: audit log}
                    - {check: workload-host-pid, why: host PID}
                - id: "1.6"
                  title: By hand
                  manual: Look at it.
                """));

        assertThat(result.problems()).isEmpty();
        Standard standard = result.standard();
        assertThat(standard.controls()).extracting(Control::key).containsExactly("custom/1.1", "custom/1.2",
                "custom/1.3", "custom/1.4", "custom/1.5", "custom/1.6");
        assertThat(standard.controls().get(0).section()).isEqualTo("1 Section");
        assertThat(standard.controls().get(0).equivalents()).containsEntry("kubescape", "C-0129");
        assertThat(standard.controls().get(0).evaluation()).isEqualTo(new Evaluation.Settings(
                Component.KUBE_APISERVER, new SettingTest.Compare(new SettingTest.Setting("--profiling", null, null),
                SettingTest.Operator.EQ, "false", false)));
        assertThat(standard.controls().get(1).evaluation()).isEqualTo(new Evaluation.NodeFile("pki", ".key",
                new Evaluation.FileTest.Permissions(0600)));
        assertThat(standard.controls()).extracting(Control::automated)
                .containsExactly(true, true, true, true, true, false);
    }

    @Test
    void problemsNameTheFileAndLine() {
        assertThat(problems(catalogue("""
                - id: "1.1"
                  title: Two ways
                  checks: [privileged-container]
                  manual: also by hand
                - id: "1.2"
                  title: Unknown check
                  checks: [no-such-check]
                - id: "1.3"
                  title: Typo
                  setings: {component: kubelet}
                - id: "1.4"
                  title: Two operators
                  settings: {component: kube-apiserver, flag: --profiling, eq: "false", set: true}
                - id: "1.5"
                  title: Bad permissions
                  file: {role: pki, permissions: "rw-"}
                - id: "1.6"
                  title: Unknown role
                  file: {role: kubelet-cert, owner: root:root}
                - id: "1.7"
                  title: Config path on the API server
                  settings: {component: kube-apiserver, config: a.b, set: true}
                - id: "1.8"
                  title: Mapping without a reason
                  maps: [{control: cis-1.12/1.2.16}]
                - id: "1.9"
                  title: Once
                  manual: by hand
                - id: "1.9"
                  title: Twice
                  manual: again
                """))).containsExactly(
                "error: custom.yaml: line 7: control 1.1 must be judged exactly one way (one of checks, podSecurity,"
                        + " settings, file, maps, manual), not checks and manual",
                "error: custom.yaml: line 13: unknown check 'no-such-check'",
                "error: custom.yaml: line 16: unknown key 'setings' in a control (expected one of automated, checks,"
                        + " equivalents, file, id, manual, maps, podSecurity, settings, title)",
                "error: custom.yaml: line 19: a test has exactly one operator (eq, noteq, gte, has, lacks, matches,"
                        + " within, set)",
                "error: custom.yaml: line 22: permissions are octal, e.g. 600",
                "error: custom.yaml: line 25: unknown node file role 'kubelet-cert' (compliance/node-files.yaml lists"
                        + " them)",
                "error: custom.yaml: line 28: config paths are read from the kubelet's configuration file only",
                "error: custom.yaml: line 31: missing required key 'why'",
                "error: custom.yaml: line 35: control 1.9 is defined twice");
    }

    @Test
    void invalidYamlNamesTheFileAndLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PARSER.parse("custom.yaml", "standard: [unclosed\n"))
                .hasMessageStartingWith("custom.yaml: line 2: invalid YAML");
    }
}
