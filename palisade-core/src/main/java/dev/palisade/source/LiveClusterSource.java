package dev.palisade.source;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.SecretRedactor;
import dev.palisade.inventory.SourceLocation;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.HttpStatusMessage;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a live cluster through the Kubernetes API, read-only: every kind of {@link #KINDS} is listed across all
 * namespaces, page by page. List responses are parsed as they stream in, so Secret values are dropped before
 * they become objects (see {@link ListPageReader}).
 *
 * <p>A kind that cannot be listed (no permission, API not served) becomes a warning and the other kinds are still
 * read. A server that cannot be reached, rejects the credentials or is no Kubernetes API server ends the load with
 * a {@link SourceException}: every further request would fail the same way.
 */
public final class LiveClusterSource {

    /** A kind to list. An optional kind belongs to an API that clusters may not install; a 404 then means none. */
    record ListedKind(String apiVersion, String kind, String plural, boolean optional) {

        /** The list endpoint across all namespaces, e.g. {@code /apis/apps/v1/deployments}. */
        String path() {
            return (apiVersion.contains("/") ? "/apis/" : "/api/") + apiVersion + "/" + plural;
        }

        boolean isSecret() {
            return apiVersion.equals("v1") && kind.equals("Secret");
        }
    }

    static final List<ListedKind> KINDS = List.of(
            required("v1", "Namespace", "namespaces"),
            required("v1", "Pod", "pods"),
            required("apps/v1", "Deployment", "deployments"),
            required("apps/v1", "ReplicaSet", "replicasets"),
            required("apps/v1", "StatefulSet", "statefulsets"),
            required("apps/v1", "DaemonSet", "daemonsets"),
            required("batch/v1", "Job", "jobs"),
            required("batch/v1", "CronJob", "cronjobs"),
            required("v1", "ReplicationController", "replicationcontrollers"),
            required("v1", "Service", "services"),
            required("v1", "Endpoints", "endpoints"),
            required("discovery.k8s.io/v1", "EndpointSlice", "endpointslices"),
            required("networking.k8s.io/v1", "Ingress", "ingresses"),
            optional("gateway.networking.k8s.io/v1", "Gateway", "gateways"),
            optional("gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes"),
            required("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies"),
            required("v1", "ServiceAccount", "serviceaccounts"),
            required("rbac.authorization.k8s.io/v1", "Role", "roles"),
            required("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles"),
            required("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings"),
            required("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings"),
            required("v1", "Node", "nodes"),
            required("v1", "Secret", "secrets"),
            required("v1", "ConfigMap", "configmaps"),
            required("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets"),
            required("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers"),
            required("v1", "LimitRange", "limitranges"),
            required("v1", "ResourceQuota", "resourcequotas"),
            required("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses"),
            required("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration",
                    "validatingwebhookconfigurations"),
            required("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration",
                    "mutatingwebhookconfigurations"),
            // admissionregistration.k8s.io/v1 serves these only from Kubernetes 1.30 on.
            optional("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies"),
            optional("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding",
                    "validatingadmissionpolicybindings"),
            required("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions"));

    private static ListedKind required(String apiVersion, String kind, String plural) {
        return new ListedKind(apiVersion, kind, plural, false);
    }

    private static ListedKind optional(String apiVersion, String kind, String plural) {
        return new ListedKind(apiVersion, kind, plural, true);
    }

    private final HttpClient http;
    private final String serverUrl;
    private final String cluster;
    private final LiveClusterOptions options;
    private final List<RawDocument> documents = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();

    private LiveClusterSource(HttpClient http, String serverUrl, String cluster, LiveClusterOptions options) {
        this.http = http;
        this.serverUrl = serverUrl;
        this.cluster = cluster;
        this.options = options;
    }

    /**
     * Lists every kind of {@link #KINDS}.
     *
     * @throws SourceException when the kubeconfig or context is unusable, or the server cannot be reached, rejects
     *                         the credentials or is no Kubernetes API server
     */
    public static Loaded load(LiveClusterOptions options) {
        Config config = config(options);
        // The master URL ends with a slash; list paths start with one.
        String serverUrl = config.getMasterUrl().replaceAll("/+$", "");
        NamedContext context = config.getCurrentContext();
        String cluster = context != null ? context.getName() : serverUrl;
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
            LiveClusterSource source = new LiveClusterSource(client.getHttpClient(), serverUrl, cluster, options);
            KINDS.forEach(source::list);
            return new Loaded(source.documents, source.problems, cluster);
        }
    }

    private static Config config(LiveClusterOptions options) {
        Path kubeconfig = options.kubeconfig();
        String context = options.context();
        Config config;
        if (kubeconfig != null) {
            if (!Files.isRegularFile(kubeconfig)) {
                throw new SourceException("kubeconfig " + kubeconfig + " does not exist");
            }
            try {
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } catch (RuntimeException e) {
                // fabric8 and the YAML parser throw various exceptions here. Not their message: it may quote
                // the file, and a kubeconfig holds credentials.
                throw new SourceException("kubeconfig " + kubeconfig + " is not a valid kubeconfig file");
            }
        } else {
            config = Config.autoConfigure(context);
        }
        // fabric8 quietly falls back to the current context when the requested one does not exist.
        if (context != null && config.getContexts().stream().noneMatch(c -> context.equals(c.getName()))) {
            String files = kubeconfig != null ? kubeconfig.toString()
                    : String.join(", ", Config.getKubeconfigFilenames());
            throw new SourceException("context \"" + context + "\" is not defined in kubeconfig " + files);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new SourceException("no Kubernetes API server is configured"
                    + (kubeconfig != null ? " in kubeconfig " + kubeconfig : ""));
        }
        config.setRequestTimeout(options.requestTimeoutMillis());
        config.setConnectionTimeout(options.requestTimeoutMillis());
        // No retries: an unreachable server must fail within one timeout, not after a series of backoffs.
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /** Lists one kind, following continue tokens until the last page. */
    private void list(ListedKind kind) {
        SourceLocation location = SourceLocation.endpoint("cluster " + cluster + ": " + kind.path());
        int loaded = 0;
        String continueToken = "";
        do {
            String query = "?limit=" + options.pageSize() + (continueToken.isEmpty() ? ""
                    : "&continue=" + URLEncoder.encode(continueToken, StandardCharsets.UTF_8));
            HttpResponse<InputStream> response = get(kind.path() + query);
            try (InputStream body = response.body()) {
                if (!response.isSuccessful()) {
                    failed(kind, location, response.code(), loaded > 0);
                    return;
                }
                ListPageReader.Page page = ListPageReader.read(body, kind.isSecret());
                for (ObjectNode item : page.items()) {
                    // Items of a list response usually omit their apiVersion and kind.
                    item.put("apiVersion", kind.apiVersion());
                    item.put("kind", kind.kind());
                    SecretRedactor.redact(item);
                    documents.add(new RawDocument(location, item));
                }
                loaded += page.items().size();
                continueToken = page.continueToken();
            } catch (JacksonException e) {
                // Not e's message: it may quote the response, which may be a Secret.
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                problems.add(InputProblem.warning(location, "cannot list " + kind.plural()
                        + ": the response is not a readable JSON list (line " + line + "); "
                        + consequence(kind, loaded > 0)));
                return;
            } catch (IOException e) {
                throw unreachable(e);
            }
        } while (!continueToken.isEmpty());
    }

    /**
     * Handles an error status: ends the load when it concerns the whole server, else records what is missing.
     */
    private void failed(ListedKind kind, SourceLocation location, int status, boolean partial) {
        if (status == 401) {
            throw new SourceException("the API server at " + serverUrl
                    + " rejected the credentials (401 Unauthorized)");
        }
        if (status == 404 && kind.apiVersion().equals("v1")) {
            // Every Kubernetes API server serves the core group: this is some other web server.
            throw new SourceException("the server at " + serverUrl + " is not a Kubernetes API server: "
                    + kind.path() + " answered 404 Not Found");
        }
        if (status == 404 && kind.optional()) {
            return; // the API is not installed, so there are no such objects to miss
        }
        String why = switch (status) {
            case 403 -> ": the credentials lack permission";
            case 404 -> ": the API server does not serve " + kind.apiVersion();
            default -> "";
        };
        problems.add(InputProblem.warning(location, "cannot list " + kind.plural() + " (" + status + " "
                + HttpStatusMessage.getMessageForStatus(status) + ")" + why + "; " + consequence(kind, partial)));
    }

    private static String consequence(ListedKind kind, boolean partial) {
        return kind.plural() + (partial ? " are incomplete in this scan" : " are missing from this scan");
    }

    /** Sends a GET; a request that gets no response at all ends the load. */
    private HttpResponse<InputStream> get(String pathAndQuery) {
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(serverUrl + pathAndQuery)
                .header("Accept", "application/json")
                .timeout(options.requestTimeoutMillis(), TimeUnit.MILLISECONDS)
                .build();
        try {
            return http.sendAsync(request, InputStream.class).get();
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while reading the Kubernetes API server at " + serverUrl);
        }
    }

    private SourceException unreachable(Throwable failure) {
        return new SourceException("cannot reach the Kubernetes API server at " + serverUrl + ": " + reason(failure),
                failure);
    }

    /** Why a request got no response, in a few words. The most telling exception may be anywhere in the chain. */
    private String reason(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        if (find(chain, UnresolvedAddressException.class).isPresent()
                || find(chain, UnknownHostException.class).isPresent()) {
            return "unknown host " + URI.create(serverUrl).getHost();
        }
        if (find(chain, HttpConnectTimeoutException.class).isPresent()) {
            return "no connection within " + options.requestTimeoutMillis() + " ms";
        }
        if (find(chain, HttpTimeoutException.class).isPresent()) {
            return "no response within " + options.requestTimeoutMillis() + " ms";
        }
        Optional<SSLException> tls = find(chain, SSLException.class);
        if (tls.isPresent()) {
            return "TLS failed (" + tls.get().getMessage() + ")";
        }
        Optional<ConnectException> connect = find(chain, ConnectException.class);
        if (connect.isPresent()) {
            // The JDK client reports a refused connection without a message.
            return connect.get().getMessage() == null ? "connection refused" : connect.get().getMessage();
        }
        Throwable root = chain.get(chain.size() - 1);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static <T extends Throwable> Optional<T> find(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
