package dev.palisade.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.TestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageProvenanceTest {

    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  initContainers:
                    - name: init
                      image: busybox:1.36.1
                  containers:
                    - name: nginx
                      image: nginx:1.27.0
                    - name: app
                      image: registry.corp.example/shop/web:5.0.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: admin
              namespace: shop
            spec:
              selector:
                matchLabels: {app: admin}
              template:
                metadata:
                  labels: {app: admin}
                spec:
                  containers:
                    # the same image as web's: counted once
                    - name: nginx
                      image: docker.io/library/nginx:1.27.0
                    - name: cache
                      image: bitnami/redis:7.2.5
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
              namespace: monitoring
            spec:
              selector:
                matchLabels: {app: node-exporter}
              template:
                metadata:
                  labels: {app: node-exporter}
                spec:
                  containers:
                    - name: exporter
                      image: quay.io/prometheus/node-exporter:v1.8.1
                    - name: proxy
                      image: quay.io/brancz/kube-rbac-proxy:v0.18.0
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
              namespace: shop
            spec:
              containers:
                # no runtime would pull this: not counted
                - name: bad
                  image: Shop/UPPER:1.0
            """;

    private static Analysis.Result analyze(List<String> trusted) {
        Snapshot snapshot = TestSupport.snapshot("images.yaml", MANIFESTS);
        return TestSupport.analyze(new ImageProvenance(), snapshot, new ScanConfig(trusted, List.of()), "image-untrusted-registry", "image-mutable-tag");
    }

    private static Answer answer(Analysis.Result result) {
        assertThat(result.answers()).hasSize(1);
        Answer answer = result.answers().get(0);
        assertThat(answer.number()).isEqualTo(1);
        return answer;
    }

    @Test
    void withoutTrustedRegistriesTheAnswerIsPartial() {
        Analysis.Result result = analyze(List.of());
        Answer answer = answer(result);

        assertThat(answer.status()).isEqualTo(Answer.Status.PARTIAL);
        assertThat(answer.needs()).contains("--trusted-registry");
        assertThat(answer.summary()).isEqualTo("6 distinct images from 3 registries.");
        assertThat(answer.table().columns()).containsExactly("registry", "trusted", "images", "workloads");
        assertThat(answer.table().rows()).containsExactly(
                List.of("docker.io", "not configured", "3", "2"),
                List.of("quay.io", "not configured", "2", "1"),
                List.of("registry.corp.example", "not configured", "1", "1"));
        assertThat(result.findings()).noneMatch(f -> f.policy().equals("image-untrusted-registry"));
    }

    @Test
    void withTrustedRegistriesTheAnswerIsAnswered() {
        Analysis.Result result = analyze(List.of("registry.corp.example", "docker.io"));
        Answer answer = answer(result);

        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(answer.needs()).isEmpty();
        assertThat(answer.summary()).isEqualTo("6 distinct images from 3 registries. 2 images from untrusted sources in quay.io (findings image-untrusted-registry).");
        assertThat(answer.table().rows()).extracting(row -> row.get(0), row -> row.get(1)).containsExactly(
                tuple("docker.io", "yes"), tuple("quay.io", "no"), tuple("registry.corp.example", "yes"));
        assertThat(result.findings()).filteredOn(f -> f.policy().equals("image-untrusted-registry"))
                .extracting(f -> f.resource().toString(), Finding::message)
                .containsExactlyInAnyOrder(
                        tuple("DaemonSet monitoring/node-exporter", "container \"exporter\" image"
                                + " quay.io/prometheus/node-exporter:v1.8.1 comes from registry quay.io, which is not trusted"),
                        tuple("DaemonSet monitoring/node-exporter", "container \"proxy\" image"
                                + " quay.io/brancz/kube-rbac-proxy:v0.18.0 comes from registry quay.io, which is not trusted"));
    }

    @Test
    void allTrustedSaysSo() {
        Answer answer = answer(analyze(List.of("registry.corp.example", "docker.io", "quay.io")));
        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(answer.summary()).endsWith(" All come from trusted registries.");
        assertThat(answer.table().rows()).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("yes"));
    }

    @Test
    void aPathPrefixTrustsARegistryPartly() {
        Analysis.Result result = analyze(List.of("docker.io/library", "registry.corp.example/shop", "quay.io"));
        Answer answer = answer(result);

        assertThat(answer.table().rows()).extracting(row -> row.get(0), row -> row.get(1)).containsExactly(
                tuple("docker.io", "partly: 1 untrusted"), tuple("quay.io", "yes"), tuple("registry.corp.example", "yes"));
        assertThat(answer.summary()).endsWith(" 1 image from untrusted sources in docker.io (findings"
                + " image-untrusted-registry).");
        // only the image outside the trusted path is a finding
        assertThat(result.findings()).filteredOn(f -> f.policy().equals("image-untrusted-registry"))
                .extracting(f -> f.resource().toString(), Finding::message)
                .containsExactly(tuple("Deployment shop/admin", "container \"cache\" image bitnami/redis:7.2.5 comes"
                        + " from registry docker.io, which is not trusted"));
    }

    @Test
    void mutableTagsAreFindingsForEveryContainerKind() {
        String yaml = """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: seed
                  namespace: shop
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      initContainers:
                        - name: fetch
                          image: curlimages/curl
                      containers:
                        - name: seed
                          image: registry.corp.example/shop/seed:latest
                        - name: pinned
                          image: registry.corp.example/shop/seed:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
                """;
        Analysis.Result result = TestSupport.analyze(new ImageProvenance(), TestSupport.snapshot("job.yaml", yaml),
                ScanConfig.defaults(), "image-untrusted-registry", "image-mutable-tag");
        assertThat(result.findings()).extracting(Finding::policy, Finding::message).containsExactlyInAnyOrder(
                tuple("image-mutable-tag", "container \"fetch\" image curlimages/curl has no tag, so it means :latest"),
                tuple("image-mutable-tag", "container \"seed\" image registry.corp.example/shop/seed:latest uses"
                        + " the :latest tag"));
        assertThat(result.findings()).allSatisfy(f -> assertThat(f.location().line()).isEqualTo(1));
    }
}
