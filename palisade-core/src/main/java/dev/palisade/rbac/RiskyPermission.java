package dev.palisade.rbac;

import dev.palisade.scan.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One escalation-prone permission (../shared/conformance/rbac/SEMANTICS.md section 9): held when, for some
 * alternative, every access of that alternative is allowed. The list {@link #TABLE} is data; {@link RbacAnalysis}
 * evaluates each entry with {@link Rule#allows}, so wildcards in roles count.
 *
 * @param alternatives ORed; the accesses inside one alternative are ANDed
 * @param equivalents  the same check in peer tools, ids as listed in the risky-permissions catalogue and the
 *                     peer-check tables
 */
public record RiskyPermission(String id, String title, Severity severity, List<List<Access>> alternatives,
                              String remediation, Map<String, String> equivalents) {

    public RiskyPermission {
        alternatives = alternatives.stream().map(List::copyOf).toList();
        equivalents = Map.copyOf(equivalents);
    }

    /**
     * One request to try: verb on group/resource[/subresource], with the names to try ("" = any name, as for
     * create and list).
     *
     * @param clusterScoped whether the request carries no namespace (cluster-scoped resources, user and group
     *                      impersonation): a RoleBinding never grants it
     */
    public record Access(String verb, String group, String resource, String subresource, boolean clusterScoped,
                         List<String> names) {

        public Access {
            names = List.copyOf(names);
        }

        /** The requests to evaluate for a binding whose grants apply in {@code namespace} ("" = cluster-wide). */
        public List<Request> requests(String namespace) {
            return names.stream().map(name -> Request.resource(verb, group, resource, subresource,
                    clusterScoped ? "" : namespace, name)).toList();
        }

        @Override
        public String toString() {
            return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource)
                    + (group.isEmpty() ? "" : " (" + group + ")");
        }
    }

    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String ADMISSION = "admissionregistration.k8s.io";

    /** A namespaced access, {@code pods/exec} form for subresources. */
    static Access ns(String verb, String group, String resource) {
        return access(verb, group, resource, false, List.of(""));
    }

    /** A cluster-scoped access. */
    static Access cluster(String verb, String group, String resource) {
        return access(verb, group, resource, true, List.of(""));
    }

    private static Access access(String verb, String group, String resource, boolean clusterScoped,
                                 List<String> names) {
        int slash = resource.indexOf('/');
        return new Access(verb, group, slash < 0 ? resource : resource.substring(0, slash),
                slash < 0 ? "" : resource.substring(slash + 1), clusterScoped, names);
    }

    /** Held when any one of the accesses is allowed. */
    static List<List<Access>> anyOf(Access... accesses) {
        return List.of(accesses).stream().map(List::of).toList();
    }

    /** Every verb × resource of one group, any of them. */
    static List<List<Access>> anyOf(List<String> verbs, String group, List<String> resources, boolean clusterScoped) {
        List<List<Access>> alternatives = new ArrayList<>();
        for (String resource : resources) {
            for (String verb : verbs) {
                alternatives.add(List.of(clusterScoped ? cluster(verb, group, resource) : ns(verb, group, resource)));
            }
        }
        return alternatives;
    }

    @SafeVarargs
    static List<List<Access>> concat(List<List<Access>>... parts) {
        List<List<Access>> all = new ArrayList<>();
        for (List<List<Access>> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /**
     * The escalation-prone permissions, most severe first. Bind and escalate are checked on roles/clusterroles
     * (where the API server checks them), not on *bindings; bind on clusterroles is checked in the binding's
     * namespace, so a RoleBinding can grant it.
     */
    public static final List<RiskyPermission> TABLE = List.of(
            new RiskyPermission("rbac-escalate-roles", "Can escalate roles", Severity.CRITICAL,
                    anyOf(ns("escalate", RBAC, "roles"), cluster("escalate", RBAC, "clusterroles")),
                    "Remove verb escalate on roles/clusterroles: it lets the holder write roles with permissions it"
                            + " does not have, then use them.",
                    Map.of("rbac-police", "escalate_roles", "kubescape", "C-0191", "trivy", "KSV-0050")),
            new RiskyPermission("rbac-bind-roles", "Can bind any role", Severity.CRITICAL,
                    anyOf(ns("bind", RBAC, "roles"), ns("bind", RBAC, "clusterroles")),
                    "Remove verb bind on roles/clusterroles, or restrict it with resourceNames to roles the holder"
                            + " may hand out: it lets the holder bind roles with permissions it does not have.",
                    Map.of("rbac-police", "bind_roles", "kubescape", "C-0191")),
            new RiskyPermission("rbac-impersonate", "Can impersonate users, groups or service accounts",
                    Severity.CRITICAL,
                    anyOf(cluster("impersonate", "", "users"), cluster("impersonate", "", "groups"),
                            ns("impersonate", "", "serviceaccounts")),
                    "Remove verb impersonate, or restrict it with resourceNames to the identities the holder must"
                            + " act as: impersonating system:masters or an admin is cluster takeover.",
                    Map.of("rbac-police", "impersonate", "kubescape", "C-0065")),
            new RiskyPermission("rbac-nodes-proxy", "Can use the kubelet API through nodes/proxy", Severity.CRITICAL,
                    anyOf(cluster("get", "", "nodes/proxy"), cluster("create", "", "nodes/proxy")),
                    "Remove access to nodes/proxy: it reaches the kubelet API of every node, which runs commands in"
                            + " any pod and bypasses audit and admission.",
                    Map.of("rbac-police", "nodes_proxy", "kubescape", "C-0279", "trivy", "KSV-0047")),
            new RiskyPermission("rbac-approve-csr", "Can approve certificate signing requests", Severity.CRITICAL,
                    List.of(List.of(cluster("update", "certificates.k8s.io", "certificatesigningrequests/approval"),
                            access("approve", "certificates.k8s.io", "signers", true,
                                    List.of("", "kubernetes.io/kube-apiserver-client", "kubernetes.io/*")))),
                    "Remove update on certificatesigningrequests/approval or approve on signers: together they let"
                            + " the holder issue client certificates for any user or group, system:masters included.",
                    Map.of("rbac-police", "approve_csrs", "kubescape", "C-0280")),
            new RiskyPermission("rbac-modify-admission-webhooks", "Can modify admission webhooks", Severity.CRITICAL,
                    anyOf(List.of("create", "update", "patch"), ADMISSION,
                            List.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations"), true),
                    "Remove write access to webhook configurations: a webhook sees and can rewrite or block every"
                            + " object admitted to the cluster.",
                    Map.of("rbac-police", "control_webhooks", "kubescape", "C-0281", "trivy", "KSV-0114")),
            new RiskyPermission("rbac-read-secrets", "Can read secrets", Severity.HIGH,
                    anyOf(ns("get", "", "secrets"), ns("list", "", "secrets"), ns("watch", "", "secrets")),
                    "Remove get, list and watch on secrets, or restrict get to the named secrets the holder needs"
                            + " (list and watch return every secret's contents).",
                    Map.of("rbac-police", "retrieve_token_secrets", "kubescape", "C-0015")),
            new RiskyPermission("rbac-pods-exec", "Can exec into pods", Severity.HIGH,
                    anyOf(ns("create", "", "pods/exec")),
                    "Remove create on pods/exec: it runs commands in any pod of the scope, with that pod's service"
                            + " account and secrets.",
                    Map.of("rbac-police", "pods_exec", "kubescape", "C-0002", "trivy", "KSV-0053")),
            new RiskyPermission("rbac-pods-attach", "Can attach to pods", Severity.HIGH,
                    anyOf(ns("create", "", "pods/attach")),
                    "Remove create on pods/attach: it reaches the running process of any pod of the scope.",
                    Map.of("trivy", "KSV-0054")),
            new RiskyPermission("rbac-create-workloads", "Can create workloads", Severity.HIGH,
                    concat(anyOf(ns("create", "", "pods"), ns("create", "", "replicationcontrollers")),
                            anyOf(List.of("create"), "apps",
                                    List.of("deployments", "daemonsets", "statefulsets", "replicasets"), false),
                            anyOf(List.of("create"), "batch", List.of("jobs", "cronjobs"), false)),
                    "Remove create on pods and pod controllers, or keep the namespace free of powerful service"
                            + " accounts: whoever creates a pod can run it as any service account of the namespace.",
                    Map.of("rbac-police", "assign_sa", "kubescape", "C-0188")),
            new RiskyPermission("rbac-create-serviceaccount-token", "Can create service account tokens",
                    Severity.HIGH, anyOf(ns("create", "", "serviceaccounts/token")),
                    "Remove create on serviceaccounts/token: it mints tokens for any service account of the scope.",
                    Map.of("rbac-police", "token_request", "kubescape", "C-0282")),
            new RiskyPermission("rbac-create-persistentvolumes", "Can create persistent volumes", Severity.HIGH,
                    anyOf(cluster("create", "", "persistentvolumes")),
                    "Remove create on persistentvolumes: a hostPath volume mounts any node directory into a pod.",
                    Map.of("kubescape", "C-0278")),
            new RiskyPermission("rbac-list-all-resources", "Can list or watch every resource", Severity.HIGH,
                    anyOf(ns("list", "", "*"), ns("watch", "", "*")),
                    "List the resources the holder needs instead of *: list and watch on every resource include"
                            + " secrets and resources added later.",
                    Map.of()),
            new RiskyPermission("rbac-pods-portforward", "Can port-forward to pods", Severity.MEDIUM,
                    anyOf(ns("create", "", "pods/portforward")),
                    "Remove create on pods/portforward: it opens network paths to any pod, past network policies.",
                    Map.of("kubescape", "C-0063")),
            new RiskyPermission("rbac-modify-networkpolicies", "Can modify network policies", Severity.MEDIUM,
                    anyOf(List.of("create", "update", "patch", "delete"), "networking.k8s.io",
                            List.of("networkpolicies"), false),
                    "Remove write access to networkpolicies: it can open the scope's network isolation.",
                    Map.of("trivy", "KSV-0056")),
            new RiskyPermission("rbac-delete-events", "Can delete events", Severity.MEDIUM,
                    anyOf(ns("delete", "", "events"), ns("deletecollection", "", "events"),
                            ns("delete", "events.k8s.io", "events"), ns("deletecollection", "events.k8s.io", "events")),
                    "Remove delete and deletecollection on events: they let the holder erase its traces.",
                    Map.of("kubescape", "C-0031")));

    /** The permission with this id. */
    public static RiskyPermission byId(String id) {
        return TABLE.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no risky permission " + id));
    }
}
