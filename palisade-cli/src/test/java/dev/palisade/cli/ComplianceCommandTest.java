package dev.palisade.cli;

import static dev.palisade.cli.PalisadeCommandTest.fixture;
import static dev.palisade.cli.PalisadeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComplianceCommandTest {

    @TempDir
    Path dir;

    /** A worker node's root: a kubelet with a configuration file that leaves anonymous access on. */
    private Path workerRoot() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("proc/42"));
        Files.writeString(root.resolve("proc/42/cmdline"), "/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0",
                StandardCharsets.UTF_8);
        Path config = root.resolve("var/lib/kubelet/config.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "authentication: {anonymous: {enabled: true}}\nauthorization: {mode: Webhook}\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        return root;
    }

    @Test
    void nodeFactsFeedTheComplianceReport() throws IOException {
        Path facts = Files.createDirectories(dir.resolve("facts"));
        PalisadeCommandTest.Run collect = run("node-facts", "--root", workerRoot().toString(), "--node-name",
                "worker-9", "-o", facts.toString());
        assertThat(collect.exitCode()).isZero();
        assertThat(collect.err()).contains("facts of node worker-9 written to " + facts.resolve("worker-9.json"));

        PalisadeCommandTest.Run table = run("compliance", fixture("privileged.yaml"), "--node-facts", facts.toString());

        assertThat(table.exitCode()).as("controls fail").isEqualTo(1);
        assertThat(table.out()).startsWith("CIS Kubernetes Benchmark v1.12 (cis-1.12)")
                .contains("authentication.anonymous.enabled: true (/var/lib/kubelet/config.yaml), expected false",
                        "/var/lib/kubelet/config.yaml: permissions 644, expected 600 or more restrictive",
                        "no kube-apiserver static pod in kube-system", "node/worker-9");

        PalisadeCommandTest.Run json = run("compliance", fixture("privileged.yaml"), "--node-facts", facts.toString(),
                "--standard", "pss-baseline", "-o", "json");
        JsonNode report = JsonMapper.builder().build().readTree(json.out());
        assertThat(report.path("standard").asString()).isEqualTo("pss-baseline");
        assertThat(report.path("controls")).hasSize(12);
        assertThat(report.path("summary").path("fail").asInt()).isPositive();
    }

    @Test
    void nodeFactsGoToStandardOutputByDefault() throws IOException {
        PalisadeCommandTest.Run collect = run("node-facts", "--root", workerRoot().toString(), "--node-name", "w");

        JsonNode facts = JsonMapper.builder().build().readTree(collect.out());
        assertThat(facts.path("kind").asString()).isEqualTo("NodeFacts");
        assertThat(facts.path("processes").get(0).path("component").asString()).isEqualTo("kubelet");
    }

    @Test
    void usageErrorsExitTwo() {
        PalisadeCommandTest.Run standard = run("compliance", fixture("privileged.yaml"), "--standard", "iso-27001");
        assertThat(standard.exitCode()).isEqualTo(2);
        assertThat(standard.err()).contains("unknown standard 'iso-27001' (expected cis-1.12, nsa, pss-baseline,"
                + " pss-restricted, pci-4.0, nist-800-53, nist-800-190, hipaa)");

        PalisadeCommandTest.Run facts = run("compliance", fixture("privileged.yaml"), "--node-facts",
                dir.resolve("none").toString());
        assertThat(facts.exitCode()).isEqualTo(2);
        assertThat(facts.err()).contains(dir.resolve("none").toString());

        assertThat(run("node-facts", "--root", dir.resolve("none").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void theDemoAnswersQuestion12ForItsControlPlaneNamespacesAndNodes() {
        PalisadeCommandTest.Run demo = run("demo");

        assertThat(demo.out()).contains("12. How far does each cluster, namespace and node adhere to the CIS"
                + " benchmark (and PCI, HIPAA, NIST)?  [answered]", "CIS Kubernetes Benchmark v1.12: ",
                "cluster demo (every scope)", "namespace/kube-system", "node/cp-1", "node/worker-1",
                "\nCompliance\n");
        assertThat(demo.err()).isEmpty();
        java.util.regex.Matcher adherence = java.util.regex.Pattern.compile(
                "judged controls pass cluster-wide \\((\\d+)%\\)").matcher(demo.out());
        assertThat(adherence.find()).isTrue();
        assertThat(Integer.parseInt(adherence.group(1))).as("a realistic, partial adherence").isBetween(40, 80);
        assertThat(demo.out()).contains("1.2.15, 1.2.16").as("profiling on, no audit log");
    }
}
