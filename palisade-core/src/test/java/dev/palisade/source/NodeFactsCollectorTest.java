package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.TestSupport;
import dev.palisade.compliance.ComplianceEngine;
import dev.palisade.compliance.ComplianceReport;
import dev.palisade.compliance.Component;
import dev.palisade.compliance.ControlResult;
import dev.palisade.compliance.NodeFacts;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.ScanConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector on a fixture node tree built at test time (permissions set with setPosixFilePermissions; owners
 * other than the test user's reported through the injectable attribute reader, as etcd:etcd exists on no CI host).
 */
class NodeFactsCollectorTest {

    @TempDir
    Path root;

    private static final Clock CLOCK = Clock.fixed(TestSupport.FIXED_TIME, ZoneOffset.UTC);

    private void file(String path, String permissions, String content) throws IOException {
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    private void directory(String path, String permissions) throws IOException {
        Path directory = Files.createDirectories(root.resolve(path.substring(1)));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
    }

    private void process(int pid, String... argv) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc/" + pid));
        Files.writeString(dir.resolve("cmdline"), String.join("\0", argv) + "\0", StandardCharsets.UTF_8);
    }

    /** The real attributes, except etcd's data directory, which belongs to etcd:etcd on a real control plane. */
    private final NodeFactsCollector.FileAttributes attributes = path -> {
        Optional<NodeFactsCollector.FileAttributes.Attributes> real = NodeFactsCollector.FileAttributes.POSIX.of(path);
        if (path.endsWith("data/etcd")) {
            return real.map(a -> new NodeFactsCollector.FileAttributes.Attributes(a.type(), a.permissions(), "etcd",
                    "etcd"));
        }
        return real;
    };

    @BeforeEach
    void controlPlaneNode() throws IOException {
        process(101, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml",
                "--kubeconfig=/etc/kubernetes/kubelet.conf", "--hostname-override=node-a");
        process(202, "etcd", "--data-dir=/data/etcd", "--initial-cluster-token", "s3cret-token",
                "--peer-client-cert-auth=true");
        process(303, "/usr/local/bin/kube-proxy", "--kubeconfig=/var/lib/kube-proxy/kubeconfig.conf");
        process(404, "nginx", "-g", "daemon off;");
        Files.createDirectories(root.resolve("proc/505"));
        Files.createFile(root.resolve("proc/505/cmdline"));
        Files.createDirectories(root.resolve("proc/self"));
        file("/etc/kubernetes/manifests/kube-apiserver.yaml", "rw-------", "apiVersion: v1\n");
        file("/etc/kubernetes/admin.conf", "rw-r--r--", "client-key-data: SECRET-ADMIN-KEY\n");
        directory("/etc/kubernetes/pki", "rwxr-xr-x");
        file("/etc/kubernetes/pki/ca.crt", "rw-r--r--", "-----BEGIN CERTIFICATE----- CERT-BODY\n");
        file("/etc/kubernetes/pki/ca.key", "rw-------", "-----BEGIN PRIVATE KEY----- SECRET-CA-KEY\n");
        file("/etc/kubernetes/pki/etcd/server.key", "rw-r-----", "SECRET-ETCD-KEY\n");
        directory("/data/etcd", "rwx------");
        file("/etc/kubernetes/kubelet.conf", "rw-------", "users: [{user: {token: SECRET-TOKEN}}]\n");
        file("/var/lib/kubelet/config.yaml", "rw-------", """
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                authentication:
                  anonymous: {enabled: false}
                  x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}
                authorization: {mode: Webhook}
                readOnlyPort: 0
                staticPodURLHeader:
                  Authorization: ["Bearer SECRET-HEADER"]
                """);
    }

    private NodeFacts collect() {
        return new NodeFactsCollector(root, attributes, CLOCK).collect(null);
    }

    private static NodeFacts.FileFact only(NodeFacts facts, String role) {
        assertThat(facts.files(role)).as(role).hasSize(1);
        return facts.files(role).get(0);
    }

    @Test
    void collectsProcessesTheKubeletConfigurationAndFileAttributes() {
        NodeFacts facts = collect();

        assertThat(facts.node()).as("the kubelet's --hostname-override").isEqualTo("node-a");
        assertThat(facts.collectedAt()).isEqualTo(TestSupport.FIXED_TIME);
        assertThat(facts.controlPlane()).as("the API server's manifest is here").isTrue();
        assertThat(facts.processes()).extracting(p -> p.component().binary + " " + p.executable()).containsExactly(
                "kubelet /usr/bin/kubelet", "etcd etcd", "kube-proxy /usr/local/bin/kube-proxy");
        assertThat(facts.process(Component.ETCD).orElseThrow().args()).containsExactly("--data-dir=/data/etcd",
                "--initial-cluster-token", "<redacted>", "--peer-client-cert-auth=true");
        assertThat(only(facts, "kube-apiserver-manifest")).isEqualTo(new NodeFacts.FileFact(
                "kube-apiserver-manifest", "/etc/kubernetes/manifests/kube-apiserver.yaml", true, "file", 0600,
                "root", "root"));
        assertThat(only(facts, "etcd-data-dir")).as("the path etcd's --data-dir names").satisfies(f -> {
            assertThat(f.path()).isEqualTo("/data/etcd");
            assertThat(f.type()).isEqualTo("directory");
            assertThat(f.octal()).isEqualTo("700");
            assertThat(f.owner() + ":" + f.group()).isEqualTo("etcd:etcd");
        });
        assertThat(facts.files("admin-kubeconfig")).extracting(NodeFacts.FileFact::path, NodeFacts.FileFact::octal)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/etc/kubernetes/admin.conf", "644"));
        assertThat(facts.files("pki")).extracting(f -> f.path() + " " + f.type() + " " + f.octal()).containsExactly(
                "/etc/kubernetes/pki directory 755", "/etc/kubernetes/pki/ca.crt file 644",
                "/etc/kubernetes/pki/ca.key file 600", "/etc/kubernetes/pki/etcd directory 755",
                "/etc/kubernetes/pki/etcd/server.key file 640");
        assertThat(only(facts, "kubelet-client-ca").path()).as("from the kubelet configuration")
                .isEqualTo("/etc/kubernetes/pki/ca.crt");
        assertThat(only(facts, "kube-proxy-kubeconfig")).as("kube-proxy's --kubeconfig lives in its pod")
                .isEqualTo(NodeFacts.FileFact.absent("kube-proxy-kubeconfig", "/var/lib/kube-proxy/kubeconfig.conf"));
        assertThat(facts.files("kubelet-service")).as("every candidate, absent").hasSizeGreaterThan(1)
                .allSatisfy(f -> assertThat(f.exists()).isFalse());
        assertThat(facts.kubeletConfig().path()).isEqualTo("/var/lib/kubelet/config.yaml");
        assertThat(facts.kubeletConfig().at("authentication.anonymous.enabled")).hasValueSatisfying(v ->
                assertThat(v.asBoolean()).isFalse());
        assertThat(facts.kubeletConfig().at("staticPodURLHeader")).hasValueSatisfying(v ->
                assertThat(v.asString()).isEqualTo("<redacted>"));
        assertThat(facts.problems()).isEmpty();
    }

    @Test
    void neverReadsCertificatesKeysOrCredentials() throws IOException {
        StringWriter json = new StringWriter();
        NodeFactsFile.write(collect(), json);

        assertThat(json.toString()).contains("/etc/kubernetes/pki/ca.key").doesNotContain("SECRET", "CERT-BODY",
                "s3cret");
    }

    @Test
    void factsSurviveTheirJsonAndJudgeTheNodeControls() throws IOException {
        StringWriter json = new StringWriter();
        NodeFactsFile.write(collect(), json);
        NodeFacts facts = NodeFactsFile.parse("node-a.json", json.toString());
        Snapshot snapshot = TestSupport.snapshot("empty.yaml", "");
        ComplianceReport report = ComplianceEngine.of(snapshot, ScanConfig.defaults().withNodeFacts(List.of(facts)),
                List.of()).evaluate("cis-1.12");

        assertThat(facts.node()).isEqualTo("node-a");
        assertThat(facts.origin()).isEqualTo("node-a.json");
        assertThat(report.results().stream().filter(r -> List.of("1.1.1", "1.1.2", "1.1.11", "1.1.12", "1.1.13",
                "1.1.21", "4.1.5", "4.1.9", "4.2.1", "4.2.4", "2.5").contains(r.control().id()))
                .map(r -> r.control().id() + " " + r.status())).containsExactly("1.1.1 PASS", "1.1.2 PASS",
                "1.1.11 PASS", "1.1.12 PASS", "1.1.13 FAIL", "1.1.21 FAIL", "2.5 PASS", "4.1.5 PASS", "4.1.9 PASS",
                "4.2.1 PASS", "4.2.4 PASS");
        ControlResult keys = report.results().stream().filter(r -> r.control().id().equals("1.1.21")).findFirst()
                .orElseThrow();
        assertThat(keys.verdicts().get(0).evidence()).extracting(e -> e.status() + " " + e.subject() + ": "
                + e.detail()).containsExactly("FAIL /etc/kubernetes/pki/etcd/server.key: permissions 640, expected"
                + " 600 or more restrictive", "PASS /etc/kubernetes/pki/ca.key: permissions 600");
    }

    @Test
    void theNodeNameComesFromTheHostWhenTheKubeletDoesNotOverrideIt() throws IOException {
        process(101, "/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml");
        assertThatThrownBy(this::collect).hasMessageContaining("pass --node-name");

        file("/etc/hostname", "rw-r--r--", "worker-7\n");
        assertThat(collect().node()).isEqualTo("worker-7");
        assertThat(new NodeFactsCollector(root, attributes, CLOCK).collect("given").node()).isEqualTo("given");
    }

    @Test
    void unreadableThingsAreProblemsNotFailures() throws IOException {
        file("/var/lib/kubelet/config.yaml", "rw-------", "authentication: [unclosed\n");

        NodeFacts facts = collect();

        assertThat(facts.kubeletConfig()).isNull();
        assertThat(facts.problems()).singleElement().asString()
                .startsWith("/var/lib/kubelet/config.yaml: invalid YAML or JSON");
    }
}
