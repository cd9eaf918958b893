package dev.palisade.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.PodInstance;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.inventory.Workload;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads fabric8's mock API server in CRUD mode: objects created through the mock client are served back on the
 * list endpoints. Expectations ({@code server.expect()}) take precedence over the CRUD store, which is how these
 * tests make one endpoint answer 401, 403, 404 or a paged response.
 */
@EnableKubernetesMockClient(crud = true)
class LiveClusterSourceTest {

    private static final String SECRET_VALUE = "s3cr3t-value-123";
    private static final String SECRET_VALUE_BASE64 = "czNjcjN0LXZhbHVlLTEyMw==";
    private static final String SECRET_STRING_DATA = "s3cr3t-token-456";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tempDir;

    @Test
    void readsTheClusterIntoOneWorkloadPerDeploymentAndNeverKeepsSecretValues() throws IOException {
        Map<String, String> uids = new HashMap<>();
        try (InputStream fixture = getClass().getResourceAsStream("/live/shop.yaml")) {
            for (HasMetadata item : client.load(fixture).items()) {
                item.getMetadata().getOwnerReferences()
                        .forEach(owner -> owner.setUid(uids.get(owner.getKind() + "/" + owner.getName())));
                HasMetadata created = client.resource(item).create();
                uids.put(created.getKind() + "/" + created.getMetadata().getName(), created.getMetadata().getUid());
            }
        }

        assertThat(client.secrets().inNamespace("shop").withName("db-credentials").get().getData())
                .containsEntry("password", SECRET_VALUE_BASE64); // the server does hold the value

        Loaded loaded = LiveClusterSource.load(options(2));
        // Taken before InventoryBuilder runs, which redacts the documents in place once more.
        String loadedText = loaded.documents().stream().map(d -> d.body().toString()).collect(Collectors.joining());
        Snapshot snapshot = InventoryBuilder.build(new SnapshotInfo(List.of("cluster mock"), loaded.cluster(),
                Instant.EPOCH), loaded.documents(), loaded.problems());

        assertThat(loaded.cluster()).isEqualTo("mock");
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.countsByKind()).containsAllEntriesOf(Map.of("Namespace", 1, "Deployment", 1,
                "ReplicaSet", 1, "Pod", 3, "Service", 1, "Role", 1, "Secret", 1));
        KubeObject deployment = snapshot.ofKind("Deployment").get(0);
        assertThat(deployment.source().origin()).isEqualTo("cluster mock: /apis/apps/v1/deployments");
        assertThat(snapshot.ofKind("ReplicaSet").get(0).metadata().getOwnerReferences())
                .extracting(OwnerReference::getUid).containsExactly(deployment.uid());

        List<Workload> workloads = snapshot.workloads().stream().filter(w -> w.namespace().equals("shop")).toList();
        assertThat(workloads).singleElement().satisfies(web -> {
            assertThat(web.ref().kind()).isEqualTo("Deployment");
            assertThat(web.name()).isEqualTo("web");
            assertThat(web.pods()).extracting(PodInstance::node).containsExactly("node-a", "node-b", "node-c");
            assertThat(web.pods()).flatExtracting(PodInstance::images).extracting(PodInstance.RunningImage::imageId)
                    .hasSize(3).allMatch(id -> id.matches(".*@sha256:[0-9a-f]{64}"));
        });

        Secret secret = snapshot.ofKind("Secret", Secret.class).get(0);
        assertThat(secret.getData()).containsOnlyKeys("password", "api-token")
                .allSatisfy((key, value) -> assertThat(value).isEmpty());
        assertThat(secret.getMetadata().getAnnotations()).containsOnlyKeys("team");
        String everything = loadedText + snapshot.objects().stream()
                .map(o -> InventoryBuilder.SERIALIZATION.asJson(o.resource())).collect(Collectors.joining());
        assertThat(everything).contains("password", "api-token")
                .doesNotContain(SECRET_VALUE, SECRET_VALUE_BASE64, SECRET_STRING_DATA);
    }

    @Test
    void readsEveryObjectWhenThereAreMorePagesThanOne() {
        // The CRUD mock ignores limit and answers with everything at once, so this only shows the paged
        // request is answered in full; followsContinueTokensToTheLastPage shows the continue loop itself.
        for (int i = 1; i <= 5; i++) {
            client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("settings-" + i).endMetadata().addToData("mode", "fast").build()).create();
        }

        Loaded loaded = LiveClusterSource.load(options(2));

        assertThat(namesOf(loaded, "ConfigMap"))
                .containsExactly("settings-1", "settings-2", "settings-3", "settings-4", "settings-5");
    }

    @Test
    void followsContinueTokensToTheLastPage() {
        String token = "eyJydiI6MTJ9+/=";
        server.expect().get().withPath("/api/v1/configmaps?limit=2")
                .andReturn(200, configMapList(token, "first", "second")).always();
        server.expect().get()
                .withPath("/api/v1/configmaps?limit=2&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .andReturn(200, configMapList("", "third")).always();

        Loaded loaded = LiveClusterSource.load(options(2));

        assertThat(namesOf(loaded, "ConfigMap")).containsExactly("first", "second", "third");
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aForbiddenKindBecomesAWarningAndTheOtherKindsStillLoad() {
        client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("settings").endMetadata().build()).create();
        client.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata()
                .withName("db-credentials").endMetadata().addToData("password", SECRET_VALUE_BASE64).build()).create();
        server.expect().get().withPath("/api/v1/secrets?limit=500").andReturn(403, status(403, "Forbidden")).always();

        Loaded loaded = LiveClusterSource.load(options(500));

        assertThat(loaded.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.level()).isEqualTo(InputProblem.Level.WARNING);
            assertThat(problem.location().origin()).isEqualTo("cluster mock: /api/v1/secrets");
            assertThat(problem.message()).isEqualTo("cannot list secrets (403 Forbidden): the credentials lack"
                    + " permission; secrets are missing from this scan");
        });
        assertThat(namesOf(loaded, "ConfigMap")).containsExactly("settings");
        assertThat(namesOf(loaded, "Secret")).isEmpty();
    }

    @Test
    void aMissingOptionalApiIsSkippedQuietlyButAMissingCoreApiIsAWarning() {
        server.expect().get().withPath("/apis/gateway.networking.k8s.io/v1/gateways?limit=500")
                .andReturn(404, status(404, "NotFound")).always();
        server.expect().get().withPath("/apis/gateway.networking.k8s.io/v1/httproutes?limit=500")
                .andReturn(404, status(404, "NotFound")).always();
        server.expect().get().withPath("/apis/policy/v1/poddisruptionbudgets?limit=500")
                .andReturn(404, status(404, "NotFound")).always();

        Loaded loaded = LiveClusterSource.load(options(500));

        assertThat(loaded.problems()).extracting(InputProblem::message).containsExactly("cannot list"
                + " poddisruptionbudgets (404 Not Found): the API server does not serve policy/v1;"
                + " poddisruptionbudgets are missing from this scan");
    }

    @Test
    void aResponseThatIsNotJsonIsAWarningThatDoesNotQuoteIt() {
        server.expect().get().withPath("/apis/apps/v1/deployments?limit=500")
                .andReturn(200, "<html>password=" + SECRET_VALUE + "</html>").always();

        Loaded loaded = LiveClusterSource.load(options(500));

        assertThat(loaded.problems()).extracting(InputProblem::message).containsExactly("cannot list deployments:"
                + " the response is not a readable JSON list (line 1); deployments are missing from this scan");
    }

    @Test
    void rejectedCredentialsEndTheLoad() {
        server.expect().get().withPath("/api/v1/namespaces?limit=500")
                .andReturn(401, status(401, "Unauthorized")).always();

        assertThatThrownBy(() -> LiveClusterSource.load(options(500)))
                .isInstanceOf(SourceException.class)
                .hasMessage("the API server at " + serverUrl() + " rejected the credentials (401 Unauthorized)");
    }

    @Test
    void aServerThatDoesNotServeTheCoreApiEndsTheLoad() {
        server.expect().get().withPath("/api/v1/namespaces?limit=500")
                .andReturn(404, "<html>not here</html>").always();

        assertThatThrownBy(() -> LiveClusterSource.load(options(500)))
                .isInstanceOf(SourceException.class)
                .hasMessage("the server at " + serverUrl() + " is not a Kubernetes API server: /api/v1/namespaces"
                        + " answered 404 Not Found");
    }

    @Test
    void secretValuesAreSkippedWhileTheResponseIsParsed() {
        String response = """
                {"kind": "SecretList", "apiVersion": "v1", "metadata": {"continue": "next"}, "items": [
                  {"metadata": {"name": "db", "namespace": "shop", "annotations": {"team": "payments",
                     "kubectl.kubernetes.io/last-applied-configuration": "{\\"data\\":{\\"password\\":\\"%1$s\\"}}"}},
                   "type": "Opaque", "data": {"password": "%1$s", "nested": {"odd": ["%1$s"]}},
                   "stringData": {"token": "%2$s"}},
                  {"metadata": {"name": "empty", "annotations": null}, "data": null}]}
                """.formatted(SECRET_VALUE_BASE64, SECRET_STRING_DATA);

        ListPageReader.Page page = ListPageReader.read(
                new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)), true);

        assertThat(page.continueToken()).isEqualTo("next");
        assertThat(page.items()).hasSize(2);
        assertThat(page.items().get(0).toString()).isEqualTo("""
                {"metadata":{"name":"db","namespace":"shop","annotations":{"team":"payments"}},"type":"Opaque",\
                "data":{"password":"","nested":""},"stringData":{"token":""}}""");
        assertThat(page.items().get(1).toString()).isEqualTo("{\"metadata\":{\"name\":\"empty\",\"annotations\":null},"
                + "\"data\":null}");
    }

    @Test
    @Timeout(30)
    void anUnreachableServerEndsTheLoadWithOneClearMessage() throws IOException {
        Path kubeconfig = kubeconfig("https://127.0.0.1:1");

        assertThatThrownBy(() -> LiveClusterSource.load(new LiveClusterOptions(kubeconfig, null, 500, 2_000)))
                .isInstanceOf(SourceException.class)
                .hasMessage("cannot reach the Kubernetes API server at https://127.0.0.1:1: connection refused");
    }

    @Test
    void anUnknownContextIsAnError() throws IOException {
        Path kubeconfig = kubeconfig(serverUrl());

        assertThatThrownBy(() -> LiveClusterSource.load(new LiveClusterOptions(kubeconfig, "staging")))
                .isInstanceOf(SourceException.class)
                .hasMessage("context \"staging\" is not defined in kubeconfig " + kubeconfig);
    }

    /** Options for the mock server, through a kubeconfig as a user would give them. */
    private LiveClusterOptions options(int pageSize) {
        try {
            return new LiveClusterOptions(kubeconfig(serverUrl()), null, pageSize, 5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String serverUrl() {
        return client.getMasterUrl().toString().replaceAll("/+$", "");
    }

    /** A kubeconfig with one context, {@code mock}, for the given server. */
    private Path kubeconfig(String server) throws IOException {
        Path file = tempDir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                contexts:
                  - name: mock
                    context: {cluster: mock, user: tester}
                current-context: mock
                users:
                  - name: tester
                    user: {token: not-a-real-token}
                """.formatted(server));
        return file;
    }

    private static List<String> namesOf(Loaded loaded, String kind) {
        return loaded.documents().stream().map(RawDocument::body)
                .filter(body -> body.path("kind").asString("").equals(kind))
                .map(body -> body.path("metadata").path("name").asString(""))
                .toList();
    }

    /** A ConfigMap list page as a real API server sends it: items without apiVersion and kind. */
    private static String configMapList(String continueToken, String... names) {
        String items = Arrays.stream(names)
                .map(name -> "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\"}}")
                .collect(Collectors.joining(","));
        return "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"" + continueToken
                + "\"},\"items\":[" + items + "]}";
    }

    private static String status(int code, String reason) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
                + "\",\"code\":" + code + "}";
    }
}
