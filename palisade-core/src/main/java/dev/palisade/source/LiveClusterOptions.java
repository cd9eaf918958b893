package dev.palisade.source;

import java.nio.file.Path;

/**
 * How to reach a live cluster. With no kubeconfig the usual rules apply: {@code $KUBECONFIG}, then
 * {@code ~/.kube/config}, then the in-cluster service account.
 *
 * @param kubeconfig     a kubeconfig file, or null for the default
 * @param context        a context of that kubeconfig, or null for its current context
 * @param pageSize       objects per list request (the API server pages with {@code limit}/{@code continue})
 * @param requestTimeoutMillis timeout of one request and of connecting
 */
public record LiveClusterOptions(Path kubeconfig, String context, int pageSize, int requestTimeoutMillis) {

    public static final int DEFAULT_PAGE_SIZE = 500;
    public static final int DEFAULT_TIMEOUT_MILLIS = 10_000;

    public LiveClusterOptions(Path kubeconfig, String context) {
        this(kubeconfig, context, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MILLIS);
    }
}
