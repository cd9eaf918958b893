package dev.palisade.rbac;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Selectors;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SourceLocation;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Check;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RBAC findings: subjects that are cluster- or namespace-admin equivalents, subjects holding an escalation-prone
 * permission of {@link RiskyPermission#TABLE}, bindings to missing roles and service accounts, unbound roles,
 * duplicate grants, grants to everyone, bound {@code default} service accounts, workloads running as a risky
 * service account, and subjects with many roles. Semantics are {@link RbacIndex}'s
 * (../shared/conformance/rbac/SEMANTICS.md): a permission is held when a rule of the binding's role allows a
 * representative request (name "", namespace = the binding's, "" for ClusterRoleBindings), so wildcards count, and a
 * RoleBinding never grants cluster-scoped resources.
 *
 * <p>Not findings at all: Kubernetes' own bindings (name starting with {@code system:}, or the binding labelled
 * {@code kubernetes.io/bootstrapping=rbac-defaults}) and subjects in group {@code system:masters} (a superuser by
 * design). The label is read on the binding, not on its role: the default roles cluster-admin, admin, edit and view
 * carry it too, and a binding of one of them to a team is exactly what should be reported. Roles named
 * {@code system:*} or labelled as defaults are never reported as unbound.
 *
 * <p>A subject that is cluster- or namespace-admin equivalent through a binding gets that one finding for the
 * binding, not one per risky permission (the wildcard implies them all). A risky permission whose accesses are
 * ANDed (CSR approval) must be held through one binding.
 */
public final class RbacAnalysis implements Analysis {

    /** More distinct roles than this for one subject is a finding. */
    public static final int MANY_ROLES = 5;

    static final String BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";
    static final String BOOTSTRAP_VALUE = "rbac-defaults";
    static final Set<String> BROAD_GROUPS = Set.of("system:unauthenticated", "system:authenticated");
    static final String ANONYMOUS = "system:anonymous";
    static final String MASTERS = "system:masters";
    private static final String RBAC_API = "rbac.authorization.k8s.io/v1";
    private static final List<String> CATEGORIES = List.of("RBAC");

    static final Check CLUSTER_ADMIN = new Check("rbac-cluster-admin-equivalent", "Cluster-admin equivalent",
            Severity.CRITICAL, "Bind a role listing the verbs, groups and resources the subject needs; keep cluster"
            + " admin to a break-glass group.",
            CATEGORIES, Map.of("kubescape", "C-0035", "trivy", "KSV-0046", "rbac-police", "cluster_admin",
                    "polaris", "clusterrolebindingClusterAdmin"));
    static final Check NAMESPACE_ADMIN = new Check("rbac-namespace-admin-equivalent", "Namespace-admin equivalent",
            Severity.HIGH, "Bind a role listing the verbs, groups and resources the subject needs in the namespace"
            + " instead of * on *.", CATEGORIES, Map.of("trivy", "KSV-0112"));
    static final Check MISSING_ROLE = new Check("rbac-binding-missing-role", "Binding refers to a missing role",
            Severity.MEDIUM, "Create the role or delete the binding: whoever later creates a role of that name"
            + " grants its rules to the binding's subjects.", CATEGORIES, Map.of());
    static final Check MISSING_SERVICE_ACCOUNT = new Check("rbac-binding-missing-service-account",
            "Binding names a missing service account", Severity.LOW, "Remove the subject or create the service"
            + " account: whoever later creates a service account of that name gets the binding's permissions.",
            CATEGORIES, Map.of());
    static final Check UNBOUND_ROLE = new Check("rbac-role-unbound", "Role bound by nothing", Severity.LOW,
            "Delete the role if it is unused, so that nobody binds it later by mistake.", CATEGORIES, Map.of());
    static final Check DUPLICATE_GRANT = new Check("rbac-duplicate-grant", "Permission granted more than once",
            Severity.LOW, "Keep one binding for the permission: revoking it means removing every binding listed.",
            CATEGORIES, Map.of());
    static final Check BROAD_GROUP = new Check("rbac-broad-group-grant", "Permission granted to everyone",
            Severity.CRITICAL, "Remove system:anonymous, system:unauthenticated and system:authenticated from the"
            + " binding: they include every caller (or every authenticated one).",
            CATEGORIES, Map.of("trivy", "KSV-0122", "kubescape", "C-0262"));
    static final Check DEFAULT_SERVICE_ACCOUNT = new Check("rbac-default-service-account-bound",
            "Default service account bound to a role", Severity.MEDIUM, "Create a dedicated service account for"
            + " the workloads that need the permissions and bind that: every pod without serviceAccountName runs as"
            + " default.", CATEGORIES, Map.of("kubescape", "C-0189", "cis", "5.1.5"));
    static final Check WORKLOAD_RISKY_SERVICE_ACCOUNT = new Check("rbac-workload-risky-service-account",
            "Workload runs as a powerful service account", Severity.HIGH, "Run the workload as a service account"
            + " holding only what it needs, and set automountServiceAccountToken: false where it needs none.",
            CATEGORIES, Map.of("kubescape", "C-0267"));
    static final Check UNUSED_SERVICE_ACCOUNT = new Check("rbac-service-account-unused",
            "Service account bound to nothing and used by no workload", Severity.LOW, "Delete the service account"
            + " if nothing uses it; a forgotten account is a ready-made identity for whoever gains create pods.",
            CATEGORIES, Map.of());
    static final Check MANY_ROLES_CHECK = new Check("rbac-subject-many-roles", "Subject bound to many roles",
            Severity.LOW, "Review the subject's roles and consolidate them into fewer, purpose-built roles.",
            CATEGORIES, Map.of());

    /** Every policy id this analysis reports. */
    public static List<String> policyIds() {
        List<String> ids = new ArrayList<>(Stream.of(CLUSTER_ADMIN, NAMESPACE_ADMIN, MISSING_ROLE,
                MISSING_SERVICE_ACCOUNT, UNBOUND_ROLE, DUPLICATE_GRANT, BROAD_GROUP, DEFAULT_SERVICE_ACCOUNT,
                WORKLOAD_RISKY_SERVICE_ACCOUNT, MANY_ROLES_CHECK, UNUSED_SERVICE_ACCOUNT).map(Check::id).toList());
        RiskyPermission.TABLE.forEach(p -> ids.add(p.id()));
        return ids.stream().sorted().toList();
    }

    /** A subject with its namespace resolved (ServiceAccount subjects of RoleBindings default to the binding's). */
    record Subject(String kind, String name, String namespace) {

        static Optional<Subject> of(Binding.Subject subject, Binding binding) {
            if (subject.name() == null || subject.name().isEmpty() || subject.kind() == null) {
                return Optional.empty();
            }
            if (subject.kind().equals("ServiceAccount")) {
                String ns = subject.namespace().isEmpty() && !binding.clusterWide() ? binding.namespace()
                        : subject.namespace();
                return ns.isEmpty() ? Optional.empty() : Optional.of(new Subject("ServiceAccount", subject.name(), ns));
            }
            if (subject.kind().equals("User") || subject.kind().equals("Group")) {
                return Optional.of(new Subject(subject.kind(), subject.name(), ""));
            }
            return Optional.empty();
        }

        boolean serviceAccount() {
            return kind.equals("ServiceAccount");
        }

        @Override
        public String toString() {
            return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
        }
    }

    /** A risky permission held through a binding, with the rules that allow it. */
    record Held(String id, String title, Severity severity, Binding binding, Role role, List<Rule> rules,
                List<RiskyPermission.Access> accesses) {

        String chain() {
            return binding + " → " + role + " → " + rules.stream().map(r -> "rule " + r)
                    .collect(Collectors.joining("; "));
        }
    }

    private static final Request EVERYTHING = Request.resource("*", "*", "*", "", "", "");

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        return new Result(new Run(snapshot, config, RbacIndex.of(snapshot)).findings(), List.of());
    }

    /** The state of one analysis. */
    private static final class Run {

        private final Snapshot snapshot;
        private final ScanConfig config;
        private final RbacIndex index;
        private final Map<String, Finding> findings = new LinkedHashMap<>();
        private final List<Binding> bindings;

        Run(Snapshot snapshot, ScanConfig config, RbacIndex index) {
            this.snapshot = snapshot;
            this.config = config;
            this.index = index;
            this.bindings = index.bindings().stream().filter(b -> !kubernetesOwn(b))
                    .sorted(Comparator.comparing(Binding::kind).thenComparing(Binding::namespace)
                            .thenComparing(Binding::name))
                    .toList();
        }

        List<Finding> findings() {
            Map<Subject, List<Binding>> bySubject = new TreeMap<>(Comparator.comparing(Subject::toString));
            for (Binding binding : bindings) {
                Optional<Role> role = index.role(binding);
                boolean builtIn = binding.roleKind().equals("ClusterRole") && RbacIndex.builtInClusterRole(binding.roleName());
                if (role.isEmpty() && !builtIn) {
                    add(MISSING_ROLE, null, binding, "binding refers to " + binding.roleKind() + " "
                            + (binding.roleKind().equals("Role") ? binding.namespace() + "/" : "") + binding.roleName()
                            + ", which is not in the inventory; it grants nothing to "
                            + (binding.subjects().isEmpty() ? "its (no) subjects" : binding.subjects().stream()
                            .map(Binding.Subject::toString).collect(Collectors.joining(", ")))
                            + " until a role of that name is created");
                }
                for (Binding.Subject raw : binding.subjects()) {
                    Optional<Subject> resolved = Subject.of(raw, binding);
                    if (resolved.isEmpty() || (resolved.get().kind().equals("Group")
                            && resolved.get().name().equals(MASTERS))) {
                        continue;
                    }
                    Subject subject = resolved.get();
                    bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(binding);
                    missingServiceAccount(subject, binding);
                    role.ifPresent(r -> permissions(subject, binding, r));
                }
            }
            bySubject.forEach(this::duplicates);
            bySubject.forEach(this::manyRoles);
            unboundRoles();
            unusedServiceAccounts();
            workloads();
            Comparator<Finding> order = Comparator.comparing((Finding f) -> f.severity()).reversed()
                    .thenComparing(Finding::policy).thenComparing(f -> f.resource().toString())
                    .thenComparing(Finding::message);
            return findings.values().stream().sorted(order).toList();
        }

        /** Admin equivalence, risky permissions, grants to everyone and bound default service accounts. */
        private void permissions(Subject subject, Binding binding, Role role) {
            boolean grantsSomething = role.rules().stream().anyMatch(r -> !r.verbs().isEmpty());
            if (grantsSomething && ((subject.kind().equals("Group") && BROAD_GROUPS.contains(subject.name()))
                    || (subject.kind().equals("User") && subject.name().equals(ANONYMOUS)))) {
                add(BROAD_GROUP, subject, binding, subject + " (" + (subject.name().equals("system:authenticated")
                        ? "every authenticated caller" : "every anonymous caller") + ") is granted "
                        + binding + " → " + role + " → " + role.rules().stream().map(r -> "rule " + r)
                        .collect(Collectors.joining("; ")));
            }
            if (subject.serviceAccount() && subject.name().equals("default")) {
                add(DEFAULT_SERVICE_ACCOUNT, subject, binding, "the default service account " + subject.namespace()
                        + "/default, which every pod of the namespace without serviceAccountName runs as, is bound: "
                        + binding + " → " + role);
            }
            Optional<Rule> admin = adminRule(role);
            if (admin.isPresent()) {
                add(binding.clusterWide() ? CLUSTER_ADMIN : NAMESPACE_ADMIN, subject, binding, subject + " holds * on *"
                        + (binding.clusterWide() ? " cluster-wide" : " in namespace " + binding.namespace()) + ": "
                        + binding + " → " + role + " → rule " + admin.get());
                return;
            }
            for (Held held : risky(binding, role)) {
                RiskyPermission permission = RiskyPermission.byId(held.id());
                add(new Check(permission.id(), permission.title(), permission.severity(), permission.remediation(),
                        CATEGORIES, permission.equivalents()), subject, binding, subject + " can " + accesses(held) + " "
                        + scope(binding) + ": " + held.chain());
            }
        }

        private Map<String, Set<String>> serviceAccountsByNamespace;

        /** Names of the ServiceAccounts in the inventory, by namespace; built once. */
        private Map<String, Set<String>> serviceAccounts() {
            if (serviceAccountsByNamespace == null) {
                serviceAccountsByNamespace = new HashMap<>();
                for (KubeObject account : snapshot.ofKind("ServiceAccount")) {
                    serviceAccountsByNamespace.computeIfAbsent(account.ref().namespace(), k -> new HashSet<>())
                            .add(account.ref().name());
                }
            }
            return serviceAccountsByNamespace;
        }

        private void missingServiceAccount(Subject subject, Binding binding) {
            if (!subject.serviceAccount() || subject.name().equals("default")) {
                return; // every namespace has a default service account
            }
            Set<String> accounts = serviceAccounts().getOrDefault(subject.namespace(), Set.of());
            if (!accounts.isEmpty() && !accounts.contains(subject.name())) {
                add(MISSING_SERVICE_ACCOUNT, subject, binding, "subject " + subject + " of " + binding
                        + " is not in the inventory, although namespace " + subject.namespace()
                        + " has service accounts in it");
            }
        }

        /** One finding per binding that grants a subject a rule another binding (with overlapping scope) grants. */
        private void duplicates(Subject subject, List<Binding> subjectBindings) {
            Map<Rule, List<Binding>> byRule = new LinkedHashMap<>();
            for (Binding binding : new LinkedHashSet<>(subjectBindings)) {
                index.role(binding).ifPresent(role -> role.rules().stream().filter(r -> !r.verbs().isEmpty())
                        .map(RbacAnalysis::normalised).distinct()
                        .forEach(rule -> byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(binding)));
            }
            Map<Binding, Set<String>> duplicated = new LinkedHashMap<>();
            Map<Binding, Set<Rule>> rulesOf = new LinkedHashMap<>();
            byRule.forEach((rule, granting) -> {
                for (Binding binding : granting) {
                    List<Binding> overlapping = granting.stream().filter(other -> other != binding
                            && (other.clusterWide() || binding.clusterWide()
                            || other.namespace().equals(binding.namespace()))).toList();
                    if (!overlapping.isEmpty()) {
                        Set<String> all = duplicated.computeIfAbsent(binding, b -> new TreeSet<>());
                        all.add(binding.toString());
                        overlapping.forEach(o -> all.add(o.toString()));
                        rulesOf.computeIfAbsent(binding, b -> new LinkedHashSet<>()).add(rule);
                    }
                }
            });
            duplicated.forEach((binding, all) -> add(DUPLICATE_GRANT, subject, binding, subject + " gets "
                    + rulesOf.get(binding).stream().map(r -> "rule " + r).collect(Collectors.joining("; "))
                    + " from " + all.size() + " bindings: " + String.join(", ", all)));
        }

        private void manyRoles(Subject subject, List<Binding> subjectBindings) {
            Set<String> roles = new TreeSet<>();
            Set<String> chains = new TreeSet<>();
            for (Binding binding : subjectBindings) {
                String role = binding.roleKind() + " " + (binding.roleKind().equals("Role")
                        ? binding.namespace() + "/" : "") + binding.roleName();
                roles.add(role);
                chains.add(binding + " → " + role);
            }
            if (roles.size() > MANY_ROLES) {
                add(MANY_ROLES_CHECK, subject, subjectBindings.get(0), subject + " is bound to " + roles.size()
                        + " distinct roles (more than " + MANY_ROLES + "): " + String.join(", ", chains));
            }
        }

        private void unboundRoles() {
            List<Role> all = index.roles();
            List<Role> aggregating = all.stream().filter(r -> !r.aggregationSelectors().isEmpty()).toList();
            Set<String> boundRoles = new HashSet<>();
            for (Binding b : index.bindings()) {
                boundRoles.add(b.roleKind().equals("ClusterRole") ? "ClusterRole:" + b.roleName()
                        : "Role:" + b.namespace() + "/" + b.roleName());
            }
            for (Role role : all) {
                if (role.name().startsWith("system:") || defaults(role.labels())) {
                    continue;
                }
                boolean aggregatedInto = role.kind().equals("ClusterRole") && aggregating.stream()
                        .filter(a -> !a.name().equals(role.name()))
                        .anyMatch(a -> a.aggregationSelectors().stream().anyMatch(s -> Selectors.matches(s, role.labels())));
                if (aggregatedInto) {
                    continue;
                }
                boolean bound = boundRoles.contains(role.kind().equals("ClusterRole") ? "ClusterRole:" + role.name()
                        : "Role:" + role.namespace() + "/" + role.name());
                if (!bound) {
                    ObjectRef ref = new ObjectRef(RBAC_API, role.kind(), role.namespace(), role.name());
                    put(UNBOUND_ROLE, role.toString(), ref, role.source(), role + " is bound by no RoleBinding or"
                            + " ClusterRoleBinding (and aggregated into no ClusterRole)");
                }
            }
        }

        /**
         * Service accounts (other than {@code default}) that no binding names and no workload runs as: safe to
         * delete. Kubernetes' own bindings count as naming them.
         */
        private void unusedServiceAccounts() {
            Set<String> used = new HashSet<>();
            for (Binding binding : index.bindings()) {
                for (Binding.Subject subject : binding.subjects()) {
                    if (subject.kind().equals("ServiceAccount")) {
                        used.add((subject.namespace().isEmpty() ? binding.namespace() : subject.namespace()) + "/"
                                + subject.name());
                    }
                }
            }
            snapshot.workloads().forEach(w -> used.add(w.namespace() + "/" + w.serviceAccountName()));
            for (KubeObject account : snapshot.ofKind("ServiceAccount")) {
                String key = account.ref().namespace() + "/" + account.ref().name();
                if (!account.ref().name().equals("default") && !used.contains(key)) {
                    put(UNUSED_SERVICE_ACCOUNT, "ServiceAccount " + key, account.ref(), account.source(),
                            "ServiceAccount " + key + " is named by no binding and no workload runs as it");
                }
            }
        }

        /** Workloads whose service account is admin-equivalent or holds a risky permission. */
        private void workloads() {
            for (Workload workload : snapshot.workloads()) {
                String account = workload.serviceAccountName();
                Identity identity = Identity.serviceAccount(workload.namespace(), account);
                List<String> reasons = new ArrayList<>();
                for (Binding binding : index.bindingsOf(identity)) {
                    if (kubernetesOwn(binding)) {
                        continue;
                    }
                    Optional<Role> role = index.role(binding);
                    if (role.isEmpty()) {
                        continue;
                    }
                    Optional<Rule> admin = adminRule(role.get());
                    if (admin.isPresent()) {
                        reasons.add((binding.clusterWide() ? "cluster-admin equivalent" : "namespace-admin equivalent"
                                + " in " + binding.namespace()) + " (" + binding + " → " + role.get() + " → rule "
                                + admin.get() + ")");
                        continue;
                    }
                    for (Held held : risky(binding, role.get())) {
                        reasons.add(held.id() + ": " + accesses(held) + " " + scope(binding) + " (" + held.chain() + ")");
                    }
                }
                if (!reasons.isEmpty()) {
                    put(WORKLOAD_RISKY_SERVICE_ACCOUNT, workload.ref().toString(), workload.ref(), workload.source(),
                            workload.ref() + " runs as service account " + workload.namespace() + "/" + account
                                    + ", which holds " + String.join("; ", reasons));
                }
            }
        }

        /** The risky permissions a binding grants through its role. */
        /** Risky permissions per binding: a binding is shared by many subjects and workloads, so each is judged once. */
        private final Map<Binding, List<Held>> riskyByBinding = new java.util.IdentityHashMap<>();

        private List<Held> risky(Binding binding, Role role) {
            return riskyByBinding.computeIfAbsent(binding, b -> judge(b, role));
        }

        private List<Held> judge(Binding binding, Role role) {
            String namespace = binding.clusterWide() ? "" : binding.namespace();
            List<Held> held = new ArrayList<>();
            for (RiskyPermission permission : RiskyPermission.TABLE) {
                for (List<RiskyPermission.Access> alternative : permission.alternatives()) {
                    List<Rule> rules = new ArrayList<>();
                    boolean all = true;
                    for (RiskyPermission.Access access : alternative) {
                        Optional<Rule> rule = access.clusterScoped() && !binding.clusterWide() ? Optional.empty()
                                : role.rules().stream().filter(r -> access.requests(namespace).stream()
                                .anyMatch(r::allows)).findFirst();
                        if (rule.isEmpty()) {
                            all = false;
                            break;
                        }
                        if (!rules.contains(rule.get())) {
                            rules.add(rule.get());
                        }
                    }
                    if (all) {
                        held.add(new Held(permission.id(), permission.title(), permission.severity(), binding, role,
                                rules, alternative));
                        break;
                    }
                }
            }
            return held;
        }

        private void add(Check check, Subject subject, Binding binding, String message) {
            ObjectRef ref = new ObjectRef(RBAC_API, binding.kind(), binding.namespace(), binding.name());
            put(check, subject == null ? "" : subject.toString(), ref, binding.source(), message);
        }

        /** Keeps the first finding per (policy, subject, resource); honours disabled policies and overrides. */
        private void put(Check check, String subject, ObjectRef ref, SourceLocation location, String message) {
            check.finding(config, ref, location, "", message)
                    .ifPresent(finding -> findings.putIfAbsent(check.id() + "|" + subject + "|" + ref.identity(), finding));
        }

        /**
         * Kubernetes' own bindings: named {@code system:*}, or labelled as bootstrap defaults on the binding
         * object itself.
         */
        private boolean kubernetesOwn(Binding binding) {
            if (binding.name().startsWith("system:")) {
                return true;
            }
            ObjectRef ref = new ObjectRef(RBAC_API, binding.kind(), binding.namespace(), binding.name());
            return snapshot.find(ref).map(o -> defaults(o.labels())).orElse(false);
        }
    }

    private static boolean defaults(Map<String, String> labels) {
        return BOOTSTRAP_VALUE.equals(labels.get(BOOTSTRAP_LABEL));
    }

    /** The rule granting {@code *} verbs on {@code *} resources in {@code *} groups, if any. */
    private static Optional<Rule> adminRule(Role role) {
        return role.rules().stream().filter(r -> r.allows(EVERYTHING)).findFirst();
    }

    private static String accesses(Held held) {
        return held.accesses().stream().map(Object::toString).collect(Collectors.joining(" and "));
    }

    private static String scope(Binding binding) {
        return binding.clusterWide() ? "cluster-wide" : "in namespace " + binding.namespace();
    }

    /** A rule with its lists sorted and deduplicated, so that rules equal in content compare equal. */
    static Rule normalised(Rule rule) {
        return new Rule(sorted(rule.verbs()), sorted(rule.apiGroups()), sorted(rule.resources()),
                sorted(rule.resourceNames()), sorted(rule.nonResourceURLs()));
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().distinct().sorted().toList();
    }
}
