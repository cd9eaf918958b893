package dev.palisade.compliance;

import java.util.Comparator;

/**
 * Where a verdict applies: the cluster (control-plane components and cluster-scoped objects), a namespace, or a
 * node. Written {@code cluster}, {@code namespace/shop}, {@code node/cp-1}.
 */
public record Scope(Kind kind, String name) implements Comparable<Scope> {

    public enum Kind { CLUSTER, NAMESPACE, NODE }

    public static final Scope CLUSTER = new Scope(Kind.CLUSTER, "");

    private static final Comparator<Scope> ORDER = Comparator.comparing(Scope::kind).thenComparing(Scope::name);

    public static Scope namespace(String name) {
        return new Scope(Kind.NAMESPACE, name);
    }

    public static Scope node(String name) {
        return new Scope(Kind.NODE, name);
    }

    @Override
    public int compareTo(Scope other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind == Kind.CLUSTER ? "cluster" : kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }
}
