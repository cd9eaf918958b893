package dev.palisade.inventory;

import java.util.Objects;

/** Identifies a Kubernetes object: group, kind, namespace (empty for cluster-scoped objects) and name. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    /** The API group: {@code apps} for {@code apps/v1}, empty for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public boolean namespaced() {
        return !namespace.isEmpty();
    }

    /** Identity across API versions: the same object served as apps/v1 and apps/v1beta2 is one object. */
    public String identity() {
        return group() + "/" + kind + "/" + namespace + "/" + name;
    }

    /** {@code Deployment shop/web}, or {@code ClusterRole admin} for cluster-scoped objects. */
    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
