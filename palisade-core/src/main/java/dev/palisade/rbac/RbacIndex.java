package dev.palisade.rbac;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Selectors;
import dev.palisade.inventory.Snapshot;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RBAC state of a cluster, indexed for questions: which grants allow a request (the authorizer), and who
 * can make a request (the subject locator). Semantics are the Kubernetes RBAC authorizer's
 * (../shared/conformance/rbac/SEMANTICS.md): ClusterRoleBindings apply everywhere; RoleBindings only to
 * requests in their namespace; a Role is looked up in the binding's namespace; a missing role grants nothing;
 * aggregated ClusterRoles are computed to a fixpoint.
 */
public final class RbacIndex {

    private final Map<String, Role> clusterRoles = new HashMap<>();
    private final Map<String, Role> roles = new HashMap<>();
    private final List<Binding> clusterBindings = new ArrayList<>();
    private final Map<String, List<Binding>> bindingsByNamespace = new java.util.TreeMap<>();

    /**
     * Kubernetes' built-in ClusterRoles (cluster-admin, admin, edit, view and the roles aggregated into them),
     * from {@code rbac/built-in-clusterroles.yaml}: used when the inventory does not define them.
     */
    static final List<Role> BUILT_IN = builtIn();

    private static List<Role> builtIn() {
        try (java.io.InputStream in = RbacIndex.class.getResourceAsStream("/rbac/built-in-clusterroles.yaml")) {
            if (in == null) {
                throw new IllegalStateException("rbac/built-in-clusterroles.yaml is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            dev.palisade.source.Loaded loaded = new dev.palisade.source.ManifestSource()
                    .parse("built-in ClusterRoles", text);
            Snapshot snapshot = dev.palisade.inventory.InventoryBuilder.build(new dev.palisade.inventory.SnapshotInfo(
                    List.of("built-in"), "", java.time.Instant.EPOCH), loaded.documents(), loaded.problems());
            if (!snapshot.problems().isEmpty()) {
                throw new IllegalStateException("invalid built-in ClusterRoles: " + snapshot.problems());
            }
            return clusterRoles(snapshot);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Names of ClusterRoles every cluster defines itself (their rules are bundled only for cluster-admin). */
    public static boolean builtInClusterRole(String name) {
        return name.equals("cluster-admin") || name.equals("admin") || name.equals("edit") || name.equals("view")
                || name.startsWith("system:");
    }

    private RbacIndex(List<Role> allRoles, List<Binding> bindings) {
        for (Role role : BUILT_IN) {
            clusterRoles.put(role.name(), role);
        }
        for (Role role : allRoles) {
            if (role.namespace().isEmpty()) {
                clusterRoles.put(role.name(), role);
            } else {
                roles.put(role.namespace() + "/" + role.name(), role);
            }
        }
        aggregate();
        for (Binding binding : bindings) {
            if (binding.clusterWide()) {
                clusterBindings.add(binding);
            } else {
                bindingsByNamespace.computeIfAbsent(binding.namespace(), k -> new ArrayList<>()).add(binding);
            }
        }
    }

    public static RbacIndex of(List<Role> roles, List<Binding> bindings) {
        return new RbacIndex(roles, bindings);
    }

    /** The RBAC objects of a snapshot. */
    private static List<Role> clusterRoles(Snapshot snapshot) {
        List<Role> roles = new ArrayList<>();
        for (KubeObject object : snapshot.ofKind("ClusterRole")) {
            object.as(ClusterRole.class).ifPresent(r -> roles.add(new Role("ClusterRole", "", object.ref().name(),
                    rules(r.getRules()), object.labels(), r.getAggregationRule() == null ? List.of()
                    : r.getAggregationRule().getClusterRoleSelectors(), object.source())));
        }
        return roles;
    }

    public static RbacIndex of(Snapshot snapshot) {
        List<Role> roles = new ArrayList<>(clusterRoles(snapshot));
        for (KubeObject object : snapshot.ofKind("Role")) {
            object.as(io.fabric8.kubernetes.api.model.rbac.Role.class).ifPresent(r -> roles.add(new Role("Role",
                    object.ref().namespace(), object.ref().name(), rules(r.getRules()), object.labels(), List.of(),
                    object.source())));
        }
        List<Binding> bindings = new ArrayList<>();
        for (KubeObject object : snapshot.ofKind("ClusterRoleBinding")) {
            object.as(ClusterRoleBinding.class).ifPresent(b -> bindings.add(binding("ClusterRoleBinding", "", object,
                    b.getRoleRef(), b.getSubjects())));
        }
        for (KubeObject object : snapshot.ofKind("RoleBinding")) {
            object.as(RoleBinding.class).ifPresent(b -> bindings.add(binding("RoleBinding", object.ref().namespace(),
                    object, b.getRoleRef(), b.getSubjects())));
        }
        return new RbacIndex(roles, bindings);
    }

    private static List<Rule> rules(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules.stream().map(Rule::of).toList();
    }

    private static Binding binding(String kind, String namespace, KubeObject object, RoleRef ref,
                                   List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects) {
        List<Binding.Subject> list = subjects == null ? List.of() : subjects.stream()
                .map(s -> new Binding.Subject(s.getKind(), s.getName(), s.getNamespace())).toList();
        return new Binding(kind, namespace, object.ref().name(), ref == null ? "" : ref.getKind(),
                ref == null ? "" : ref.getName(), list, object.source());
    }

    /**
     * The clusterrole-aggregation controller, run to a fixpoint: an aggregating ClusterRole's rules are replaced by
     * the rules of every ClusterRole its selectors match (sorted by name, itself excluded, duplicates dropped).
     */
    private void aggregate() {
        List<Role> aggregating = clusterRoles.values().stream().filter(r -> !r.aggregationSelectors().isEmpty())
                .sorted(Comparator.comparing(Role::name)).toList();
        for (int round = 0; round <= aggregating.size(); round++) {
            boolean changed = false;
            for (Role role : aggregating) {
                Role current = clusterRoles.get(role.name());
                List<Rule> rules = new ArrayList<>();
                for (var selector : current.aggregationSelectors()) {
                    clusterRoles.values().stream()
                            .filter(other -> !other.name().equals(current.name()))
                            .filter(other -> Selectors.matches(selector, other.labels()))
                            .sorted(Comparator.comparing(Role::name))
                            .flatMap(other -> other.rules().stream())
                            .filter(rule -> !rules.contains(rule))
                            .forEach(rules::add);
                }
                if (!rules.equals(current.rules())) {
                    clusterRoles.put(current.name(), current.withRules(rules));
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
    }

    public Optional<Role> role(Binding binding) {
        return Optional.ofNullable(binding.roleKind().equals("ClusterRole") ? clusterRoles.get(binding.roleName())
                : binding.roleKind().equals("Role") ? roles.get(binding.namespace() + "/" + binding.roleName()) : null);
    }

    public List<Role> roles() {
        List<Role> all = new ArrayList<>(clusterRoles.values());
        all.addAll(roles.values());
        all.sort(Comparator.comparing(Role::namespace).thenComparing(Role::name).thenComparing(Role::kind));
        return all;
    }

    public List<Binding> bindings() {
        List<Binding> all = new ArrayList<>(clusterBindings);
        bindingsByNamespace.values().forEach(all::addAll);
        return all;
    }

    /** The bindings that apply to a request's namespace, cluster-wide ones first (VisitRulesFor). */
    private List<Binding> applicable(Request request) {
        if (request.namespace().isEmpty()) {
            return clusterBindings;
        }
        List<Binding> list = new ArrayList<>(clusterBindings);
        list.addAll(bindingsByNamespace.getOrDefault(request.namespace(), List.of()));
        return list;
    }

    /** Every grant that allows the request for its user and groups; empty when RBAC has no opinion (denied). */
    public List<Grant> authorize(Request request) {
        List<Grant> grants = new ArrayList<>();
        for (Binding binding : applicable(request)) {
            if (binding.subjects().stream().noneMatch(s -> s.appliesTo(request.user(), request.groups(),
                    binding.namespace()))) {
                continue;
            }
            grants.addAll(grants(binding, request));
        }
        return grants;
    }

    private List<Grant> grants(Binding binding, Request request) {
        Optional<Role> role = role(binding);
        if (role.isEmpty()) {
            return List.of();
        }
        String scope = binding.clusterWide() ? "cluster" : binding.namespace();
        List<Grant> grants = new ArrayList<>();
        for (Rule rule : role.get().rules()) {
            if (rule.allows(request)) {
                grants.add(new Grant(binding, role.get(), rule, scope));
            }
        }
        return grants;
    }

    /** Bindings by the subject keys they name (see {@link #subjectKey}), built on first use. */
    private Map<String, List<Binding>> bindingsBySubject;

    /** {@code User:name}, {@code Group:name}, or {@code ServiceAccount:namespace/name} with the namespace resolved. */
    private static String subjectKey(Binding.Subject subject, Binding binding) {
        if (subject.kind().equals("ServiceAccount")) {
            String namespace = subject.namespace().isEmpty() ? binding.namespace() : subject.namespace();
            return "ServiceAccount:" + namespace + "/" + subject.name();
        }
        return subject.kind() + ":" + subject.name();
    }

    private synchronized Map<String, List<Binding>> bindingsBySubject() {
        if (bindingsBySubject == null) {
            Map<String, List<Binding>> map = new HashMap<>();
            for (Binding binding : bindings()) {
                binding.subjects().stream().map(s -> subjectKey(s, binding)).distinct()
                        .forEach(key -> map.computeIfAbsent(key, k -> new ArrayList<>()).add(binding));
            }
            bindingsBySubject = map;
        }
        return bindingsBySubject;
    }

    /** The bindings whose subjects include the identity (directly, by group, or as a service account). */
    public List<Binding> bindingsOf(Identity identity) {
        Map<String, List<Binding>> index = bindingsBySubject();
        java.util.Set<Binding> found = new java.util.LinkedHashSet<>(index.getOrDefault("User:" + identity.user(), List.of()));
        identity.groups().forEach(g -> found.addAll(index.getOrDefault("Group:" + g, List.of())));
        if (identity.user().startsWith(Identity.SERVICE_ACCOUNT_PREFIX)) {
            String[] parts = identity.user().substring(Identity.SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
            if (parts.length == 2) {
                found.addAll(index.getOrDefault("ServiceAccount:" + parts[0] + "/" + parts[1], List.of()));
            }
        }
        // The keys narrow the search; the authorizer's own rule decides.
        return found.stream().filter(b -> b.subjects().stream()
                        .anyMatch(s -> s.appliesTo(identity.user(), identity.groups(), b.namespace())))
                .sorted(Comparator.comparing(Binding::kind).thenComparing(Binding::namespace).thenComparing(Binding::name))
                .toList();
    }

    /**
     * Effective permissions of an identity per scope ({@code cluster} or a namespace), collapsed: rules that differ
     * only in verbs are merged.
     */
    public Map<String, List<Rule>> effectiveRules(Identity identity) {
        Map<String, Map<List<List<String>>, java.util.Set<String>>> byScope = new java.util.TreeMap<>();
        for (Binding binding : bindingsOf(identity)) {
            Optional<Role> role = role(binding);
            if (role.isEmpty()) {
                continue;
            }
            String scope = binding.clusterWide() ? "cluster" : binding.namespace();
            for (Rule rule : role.get().rules()) {
                if (!binding.clusterWide() && rule.resources().isEmpty()) {
                    continue; // non-resource URLs are never effective through a RoleBinding
                }
                List<List<String>> key = List.of(rule.apiGroups(), rule.resources(), rule.resourceNames(),
                        binding.clusterWide() ? rule.nonResourceURLs() : List.of());
                byScope.computeIfAbsent(scope, k -> new LinkedHashMap<>())
                        .computeIfAbsent(key, k -> new java.util.TreeSet<>()).addAll(rule.verbs());
            }
        }
        Map<String, List<Rule>> result = new LinkedHashMap<>();
        byScope.forEach((scope, rules) -> result.put(scope, rules.entrySet().stream()
                .map(e -> new Rule(List.copyOf(e.getValue()), e.getKey().get(0), e.getKey().get(1), e.getKey().get(2),
                        e.getKey().get(3)))
                .toList()));
        return result;
    }

    /** A subject that can make a request, with every grant that lets it. */
    public record Allowed(Binding.Subject subject, List<Grant> grants) {
    }

    /**
     * Who can make the request (the subject locator): group {@code system:masters} always, then the subjects of
     * every binding (cluster-wide, then in the request's namespace) whose role allows it, as written in the
     * bindings: groups are not expanded. Each subject appears once, with all its grants.
     */
    public List<Allowed> whoCan(Request request) {
        return whoCan(request, "");
    }

    /** Who can, with the API server's configured superuser (a user name; empty when none) listed too. */
    public List<Allowed> whoCan(Request request, String superUser) {
        Map<Binding.Subject, List<Grant>> subjects = new LinkedHashMap<>();
        subjects.put(new Binding.Subject("Group", "system:masters", ""), new ArrayList<>());
        if (!superUser.isEmpty()) {
            subjects.put(new Binding.Subject("User", superUser, ""), new ArrayList<>());
        }
        for (Binding binding : applicable(request)) {
            List<Grant> grants = grants(binding, request);
            if (grants.isEmpty()) {
                continue;
            }
            for (Binding.Subject subject : binding.subjects()) {
                Binding.Subject resolved = subject.kind().equals("ServiceAccount") && subject.namespace().isEmpty()
                        && !binding.clusterWide() ? new Binding.Subject(subject.kind(), subject.name(), binding.namespace())
                        : subject;
                subjects.computeIfAbsent(resolved, k -> new ArrayList<>()).addAll(grants);
            }
        }
        return subjects.entrySet().stream().map(e -> new Allowed(e.getKey(), List.copyOf(e.getValue()))).toList();
    }
}
