package dev.palisade.bench;

import java.util.Random;

/**
 * A hardened multi-tenant cluster for the network benchmark, as manifest text: per namespace five tiers
 * (frontend, backend, db, cache, worker) of live pods with IPs, owned by ReplicaSets; a default deny in every
 * namespace; allows along the tiers, from an ingress namespace to the frontends, from monitoring to every pod,
 * DNS egress to kube-dns, HTTPS egress to the internet for frontends and workers, and a few shared platform
 * services every namespace may call. Deterministic (fixed seed).
 */
final class NetworkClusterGenerator {

    static final String[] TIERS = {"frontend", "backend", "db", "cache", "worker"};
    static final int POLICIES_PER_NAMESPACE = 4;
    private static final String[] ENVIRONMENTS = {"prod", "staging", "dev"};

    private NetworkClusterGenerator() {
    }

    /** {@code pods} pods over {@code namespaces} namespaces; {@code namespaces * 4} policies. */
    static String generate(int namespaces, int pods) {
        Random random = new Random(20_261_126L);
        StringBuilder out = new StringBuilder(pods * 700);
        int podsPerNamespace = pods / namespaces;
        int ip = 0;
        for (int n = 0; n < namespaces; n++) {
            String namespace = namespaceName(n, namespaces);
            String environment = ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)];
            out.append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ").append(namespace)
                    .append("\n  labels:\n    env: ").append(environment).append("\n    team: team-").append(n % 40)
                    .append(n == 0 ? "\n    role: ingress" : n == 1 ? "\n    role: monitoring" : "")
                    .append(n >= 2 && n < 7 ? "\n    role: platform" : "").append("\n---\n");
            for (int p = 0; p < podsPerNamespace; p++) {
                String tier = n == 0 ? "ingress" : n == 1 ? "prometheus" : TIERS[p % TIERS.length];
                int app = p % (TIERS.length * 2);
                String owner = tier + "-" + app + "-5d8f7c9b4";
                ip++;
                out.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: ").append(owner).append('-').append(p)
                        .append("\n  namespace: ").append(namespace)
                        .append("\n  labels:\n    tier: ").append(tier).append("\n    app: ").append(tier).append('-').append(app)
                        .append("\n    pod-template-hash: 5d8f7c9b4")
                        .append("\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: ").append(owner)
                        .append("\n    uid: rs-").append(n).append('-').append(app).append("\n    controller: true")
                        .append("\nspec:\n  containers:\n  - name: main\n    image: registry.example/").append(tier)
                        .append(":1.0\n    ports:\n    - name: http\n      containerPort: 8080\n    - name: metrics\n      containerPort: 9090")
                        .append("\nstatus:\n  phase: Running\n  podIP: 10.").append((ip >> 16) & 255).append('.')
                        .append((ip >> 8) & 255).append('.').append(ip & 255).append("\n---\n");
            }
            policies(out, namespace, n);
        }
        out.append("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n---\n")
                .append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: coredns-1\n  namespace: kube-system\n  labels:\n")
                .append("    k8s-app: kube-dns\nspec:\n  containers:\n  - name: coredns\n    image: registry.k8s.io/coredns:1.11\n")
                .append("status:\n  phase: Running\n  podIP: 10.255.0.10\n---\n");
        return out.toString();
    }

    static String namespaceName(int n, int namespaces) {
        return n == 0 ? "ingress" : n == 1 ? "monitoring" : n < 7 ? "platform-" + n : "tenant-" + n;
    }

    private static void policies(StringBuilder out, String namespace, int n) {
        header(out, "default-deny", namespace);
        out.append("  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---\n");
        header(out, "allow-tiers", namespace);
        out.append("""
                  podSelector: {}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - namespaceSelector:
                        matchLabels: {role: ingress}
                    ports:
                    - port: http
                  - from:
                    - podSelector:
                        matchLabels: {tier: frontend}
                    ports:
                    - port: 8080
                      endPort: 8090
                  - from:
                    - podSelector:
                        matchExpressions:
                        - {key: tier, operator: In, values: [backend, worker]}
                    ports:
                    - port: 5432
                    - port: 6379
                  - from:
                    - namespaceSelector:
                        matchLabels: {role: monitoring}
                      podSelector:
                        matchLabels: {tier: prometheus}
                    ports:
                    - port: metrics
                """);
        if (n >= 2 && n < 7) {
            out.append("""
                      - from:
                        - namespaceSelector: {}
                        ports:
                        - port: 443
                    """);
        }
        out.append("---\n");
        header(out, "allow-egress", namespace);
        out.append("""
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - namespaceSelector:
                        matchLabels: {kubernetes.io/metadata.name: kube-system}
                      podSelector:
                        matchLabels: {k8s-app: kube-dns}
                    ports:
                    - {port: 53, protocol: UDP}
                    - {port: 53, protocol: TCP}
                  - to:
                    - podSelector: {}
                  - to:
                    - namespaceSelector:
                        matchLabels: {role: platform}
                    ports:
                    - port: 443
                ---
                """);
        header(out, "allow-internet", namespace);
        out.append("""
                  podSelector:
                    matchExpressions:
                    - {key: tier, operator: In, values: [frontend, worker, ingress, prometheus]}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - ipBlock:
                        cidr: 0.0.0.0/0
                        except: [10.0.0.0/8, 169.254.169.254/32]
                    ports:
                    - port: 443
                  - to:
                    - namespaceSelector: {}
                    ports:
                    - port: http
                    - port: metrics
                ---
                """);
    }

    private static void header(StringBuilder out, String name, String namespace) {
        out.append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ").append(name)
                .append("\n  namespace: ").append(namespace).append("\nspec:\n");
    }
}
