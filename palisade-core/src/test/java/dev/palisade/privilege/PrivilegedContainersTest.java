package dev.palisade.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import dev.palisade.TestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegedContainersTest {

    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: csi-node
              namespace: kube-system
            spec:
              selector:
                matchLabels: {app: csi-node}
              template:
                metadata:
                  labels: {app: csi-node}
                spec:
                  hostNetwork: true
                  hostPID: true
                  initContainers:
                    - name: setup
                      image: busybox:1.36.1
                      securityContext:
                        privileged: true
                  containers:
                    - name: driver
                      image: registry.corp.example/storage/csi-driver:1.9.2
                      securityContext:
                        privileged: true
                        capabilities:
                          add: ["SYS_ADMIN"]
                    - name: registrar
                      image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.10.1
                  volumes:
                    - name: kubelet
                      hostPath:
                        path: /var/lib/kubelet
                    - name: socket
                      hostPath:
                        path: /run/containerd/containerd.sock
                    - name: scratch
                      emptyDir: {}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: fuse-mounter
              namespace: storage
            spec:
              selector:
                matchLabels: {app: fuse-mounter}
              template:
                metadata:
                  labels: {app: fuse-mounter}
                spec:
                  hostIPC: true
                  containers:
                    - name: mounter
                      image: registry.corp.example/storage/fuse:2.0.0
                      securityContext:
                        capabilities:
                          add: ["CAP_SYS_ADMIN", "NET_ADMIN"]
                    - name: everything
                      image: registry.corp.example/storage/tool:2.0.0
                      securityContext:
                        capabilities:
                          add: ["all"]
                    - name: network
                      image: registry.corp.example/storage/net:2.0.0
                      securityContext:
                        capabilities:
                          add: ["NET_ADMIN", "NET_RAW"]
                    - name: explicit
                      image: registry.corp.example/storage/explicit:2.0.0
                      securityContext:
                        privileged: false
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: plain
              namespace: default
            spec:
              containers:
                - name: app
                  image: registry.corp.example/app:1.0
            """;

    private static Analysis.Result analyze(String yaml) {
        return TestSupport.analyze(new PrivilegedContainers(), TestSupport.snapshot("privileged.yaml", yaml),
                ScanConfig.defaults(), "privileged-container");
    }

    @Test
    void answerSixListsPrivilegedAndNearPrivilegedContainersWithHostAccess() {
        Analysis.Result result = analyze(MANIFESTS);

        assertThat(result.answers()).hasSize(1);
        Answer answer = result.answers().get(0);
        assertThat(answer.number()).isEqualTo(6);
        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(answer.needs()).isEmpty();
        assertThat(answer.table().columns()).containsExactly("namespace", "workload", "container", "why",
                "host access");
        String csiHost = "hostNetwork, hostPID, hostPath /var/lib/kubelet, hostPath /run/containerd/containerd.sock";
        assertThat(answer.table().rows()).containsExactly(
                List.of("kube-system", "DaemonSet/csi-node", "setup (init)", "privileged: true", csiHost),
                List.of("kube-system", "DaemonSet/csi-node", "driver", "privileged: true", csiHost),
                List.of("storage", "Deployment/fuse-mounter", "mounter", "capabilities.add: SYS_ADMIN", "hostIPC"),
                List.of("storage", "Deployment/fuse-mounter", "everything", "capabilities.add: ALL", "hostIPC"));
        assertThat(answer.summary()).isEqualTo("1 workload with privileged containers: DaemonSet kube-system/csi-node."
                + " 2 more containers add SYS_ADMIN or ALL capabilities. 2 workloads fail the Pod Security baseline level"
                + " (findings pss-baseline).");
    }

    @Test
    void oneHighFindingPerPrivilegedContainer() {
        Analysis.Result result = analyze(MANIFESTS);

        assertThat(result.findings()).extracting(Finding::policy, Finding::severity, f -> f.resource().toString(),
                Finding::message).containsExactlyInAnyOrder(
                tuple("privileged-container", Severity.HIGH, "DaemonSet kube-system/csi-node",
                        "container \"setup\" runs privileged (securityContext.privileged: true)"),
                tuple("privileged-container", Severity.HIGH, "DaemonSet kube-system/csi-node",
                        "container \"driver\" runs privileged (securityContext.privileged: true)"));
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.location().origin()).isEqualTo("privileged.yaml");
            assertThat(f.location().line()).isEqualTo(1);
        });
    }

    @Test
    void nothingPrivileged() {
        Analysis.Result result = analyze("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: plain
                spec:
                  hostNetwork: true
                  containers:
                    - name: app
                      image: registry.corp.example/app:1.0
                      securityContext:
                        capabilities:
                          add: ["NET_BIND_SERVICE"]
                """);
        Answer answer = result.answers().get(0);
        assertThat(result.findings()).isEmpty();
        assertThat(answer.table().isEmpty()).isTrue();
        assertThat(answer.summary()).isEqualTo("No workload runs a privileged container. 1 workload fails the Pod Security baseline level"
                + " (findings pss-baseline).");
        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
    }
}
