package dev.palisade.inventory;

import static dev.palisade.TestSupport.snapshot;
import static dev.palisade.TestSupport.snapshotOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryBuilderTest {

    @Test
    void everyPodProducingKindBecomesOneWorkload() {
        Snapshot snapshot = snapshotOf("manifests/kinds/workloads.yaml");

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.workloads()).extracting(w -> w.ref().kind() + "/" + w.name()).containsExactly(
                "CronJob/report", "DaemonSet/agent", "Deployment/web", "Job/migrate", "Pod/debug",
                "ReplicaSet/standalone", "ReplicationController/legacy", "StatefulSet/db");
        Workload web = workload(snapshot, "web");
        assertThat(web.replicas()).isEqualTo(3);
        assertThat(web.serviceAccountName()).isEqualTo("web");
        assertThat(web.podLabels()).containsEntry("tier", "front");
        assertThat(web.containers()).extracting(c -> c.name() + ":" + c.kind())
                .containsExactly("migrate:INIT", "web:REGULAR", "proxy:REGULAR");
        assertThat(web.containers().get(1).image().registry()).isEqualTo("registry.shop.internal:5000");
        assertThat(web.source().line()).isEqualTo(19);
        assertThat(workload(snapshot, "debug").serviceAccountName()).isEqualTo("default");
        assertThat(workload(snapshot, "report").containers()).singleElement()
                .satisfies(c -> assertThat(c.imageReference()).endsWith("/shop/report:2"));
    }

    @Test
    void eachStaticPodMirrorIsAWorkloadOfItsOwn() {
        String mirror = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s-cp-1
                  namespace: kube-system
                  annotations: {kubernetes.io/config.mirror: abc}
                  ownerReferences: [{apiVersion: v1, kind: Node, name: cp-1, uid: n-1, controller: true}]
                spec:
                  containers: [{name: %s, image: registry.k8s.io/%s:v1.33.4}]
                  nodeName: cp-1
                status: {phase: Running}
                """;
        Snapshot snapshot = dev.palisade.TestSupport.snapshot("mirrors.yaml", String.format(mirror,
                "kube-apiserver", "kube-apiserver", "kube-apiserver") + "---\n" + String.format(mirror, "etcd", "etcd",
                "etcd"));

        assertThat(snapshot.workloads()).extracting(w -> w.ref().kind() + "/" + w.name())
                .containsExactly("Pod/etcd-cp-1", "Pod/kube-apiserver-cp-1");
        assertThat(snapshot.workloads()).allSatisfy(w -> assertThat(w.pods()).hasSize(1));
    }

    @Test
    void namespacedObjectsWithoutNamespaceLandInDefault() {
        Snapshot snapshot = snapshotOf("manifests/kinds/workloads.yaml");

        KubeObject settings = snapshot.ofKind("ConfigMap").get(0);
        assertThat(settings.ref().namespace()).isEqualTo("default");
        assertThat(snapshot.ofKind("Namespace").get(0).ref().namespace()).as("cluster-scoped").isEmpty();
        assertThat(snapshot.namespaces()).containsExactly("default", "shop");
    }

    @Test
    void helmTemplateOutputLoadsAsItIs() {
        Snapshot snapshot = snapshotOf("manifests/helm/rendered.yaml");

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.countsByKind()).containsExactly(Map.entry("Deployment", 1), Map.entry("Pod", 1),
                Map.entry("Service", 1), Map.entry("ServiceAccount", 1));
        Workload deployment = workload(snapshot, "release-shop");
        assertThat(deployment.source()).isEqualTo(new SourceLocation("manifests/helm/rendered.yaml", 3, 29));
        assertThat(deployment.containers().get(0).image().fullReference()).isEqualTo("docker.io/library/nginx:1.16.0");
    }

    @Test
    void jsonListItemsKeepTheirOwnLines() {
        Snapshot snapshot = snapshot("list.json", dev.palisade.TestSupport.resource("manifests/json/list.json"));

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.objects()).extracting(o -> o.ref().kind() + "@" + o.source().line())
                .containsExactly("Service@5", "Deployment@11");
    }

    @Test
    void livePodsAttachToTheTopOfTheirControllerChain() {
        Snapshot snapshot = snapshotOf("manifests/live-pods/cluster-list.yaml");

        assertThat(snapshot.workloads()).extracting(w -> w.namespace() + "/" + w.ref().kind() + "/" + w.name())
                .containsExactly("batch/CronJob/report", "shop/Deployment/web", "shop/Pod/toolbox",
                        "shop/ReplicaSet/cache-5f4d");
        Workload web = workload(snapshot, "web");
        assertThat(web.pods()).extracting(PodInstance::name, PodInstance::node, PodInstance::phase).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web-7d9c6-abcde", "node-a", "Running"),
                org.assertj.core.groups.Tuple.tuple("web-7d9c6-fghij", "node-b", "Running"));
        assertThat(web.pods().get(0).images()).singleElement()
                .satisfies(i -> assertThat(i.imageId()).endsWith("@sha256:" + "a".repeat(64)));
        assertThat(workload(snapshot, "report").pods()).extracting(PodInstance::name)
                .containsExactly("report-28912345-xyz12");
        assertThat(workload(snapshot, "cache-5f4d").pods()).hasSize(2);
        assertThat(workload(snapshot, "toolbox").pods()).extracting(PodInstance::node).containsExactly("node-c");
    }

    @Test
    void duplicateObjectsKeepTheFirstAndNameBothPlaces() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, namespace: shop}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, namespace: shop}
                data: {second: "true"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b, namespace: shop}
                """;
        Snapshot snapshot = snapshot("dup.yaml", yaml);

        assertThat(snapshot.objects()).extracting(o -> o.ref().name()).containsExactly("a", "b");
        assertThat(snapshot.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(InputProblem.Level.ERROR);
            assertThat(p.location()).isEqualTo(new SourceLocation("dup.yaml", 2, 5));
            assertThat(p.message()).isEqualTo("duplicate object ConfigMap shop/a: already defined at dup.yaml:"
                    + " document 1, line 1; this definition is ignored");
        });
    }

    @Test
    void documentsThatAreNotKubernetesObjectsAreReportedAndSkipped() {
        String yaml = """
                just: a mapping
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ok, namespace: shop}
                ---
                - a
                - list
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {labels: {a: b}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken, namespace: shop}
                spec: {replicas: three}
                """;
        Snapshot snapshot = snapshot("mixed.yaml", yaml);

        assertThat(snapshot.objects()).extracting(o -> o.ref().name()).containsExactly("ok");
        assertThat(snapshot.problems()).extracting(InputProblem::toString).containsExactly(
                "error: mixed.yaml: document 3, line 7: not a Kubernetes object: the document is a array, not a mapping",
                "error: mixed.yaml: document 1, line 1: not a Kubernetes object: missing or empty 'apiVersion'",
                "error: mixed.yaml: document 4, line 10: not a Kubernetes object: missing or empty 'metadata.name'",
                "error: mixed.yaml: document 5, line 14: invalid Deployment broken: field spec.replicas:"
                        + " Cannot deserialize value of type `java.lang.Integer` from String '…':"
                        + " not a valid `java.lang.Integer` value");
    }

    @Test
    void unknownKindsAreKeptAsGenericObjects() {
        String yaml = """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: shop-tls, namespace: shop}
                spec: {secretName: shop-tls, dnsNames: [shop.example.com]}
                """;
        Snapshot snapshot = snapshot("crd.yaml", yaml);

        assertThat(snapshot.problems()).isEmpty();
        KubeObject certificate = snapshot.ofKind("Certificate").get(0);
        assertThat(certificate.resource()).isInstanceOf(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
        assertThat(certificate.ref().group()).isEqualTo("cert-manager.io");
    }

    @Test
    void invalidImageReferencesAreWarningsNotLostWorkloads() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: odd, namespace: shop}
                spec:
                  containers: [{name: app, image: "Not/Valid:Image"}]
                """;
        Snapshot snapshot = snapshot("odd.yaml", yaml);

        assertThat(snapshot.workloads()).singleElement().satisfies(w ->
                assertThat(w.containers().get(0).image()).isNull());
        assertThat(snapshot.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(InputProblem.Level.WARNING);
            assertThat(p.message()).contains("container \"app\"").contains("lowercase");
        });
    }

    private static Workload workload(Snapshot snapshot, String name) {
        List<Workload> matches = snapshot.workloads().stream().filter(w -> w.name().equals(name)).toList();
        assertThat(matches).as("workload " + name).hasSize(1);
        return matches.get(0);
    }
}
