package dev.palisade.bench;

import dev.palisade.inventory.SourceLocation;
import dev.palisade.rbac.Binding;
import dev.palisade.rbac.Identity;
import dev.palisade.rbac.RbacIndex;
import dev.palisade.rbac.Request;
import dev.palisade.rbac.Role;
import dev.palisade.rbac.Rule;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RBAC at scale: 5,000 roles (4,000 namespaced Roles in 200 namespaces, 1,000 ClusterRoles of which 20 aggregate
 * others) and 20,000 bindings (18,000 RoleBindings, 2,000 ClusterRoleBindings). Measures building the index
 * (aggregation to a fixpoint included) and answering who-can and can-i queries on it.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class RbacBenchmark {

    static final int NAMESPACES = 200;
    static final int ROLES_PER_NAMESPACE = 20;
    static final int CLUSTER_ROLES = 1_000;
    static final int AGGREGATING = 20;
    static final int ROLE_BINDINGS = 18_000;
    static final int CLUSTER_ROLE_BINDINGS = 2_000;

    private static final List<String> RESOURCES = List.of("pods", "services", "configmaps", "secrets", "deployments",
            "jobs", "ingresses", "pods/log", "pods/exec", "events", "endpoints", "persistentvolumeclaims");
    private static final List<List<String>> VERBS = List.of(List.of("get", "list", "watch"), List.of("get"),
            List.of("create", "update", "patch", "delete"), List.of("*"), List.of("list"));

    private List<Role> roles;
    private List<Binding> bindings;
    private RbacIndex index;
    private Request whoCanSecrets;
    private Request canIExec;

    @Setup(Level.Trial)
    public void generate() {
        Random random = new Random(20_251_126L);
        SourceLocation source = SourceLocation.file("generated");
        roles = new ArrayList<>();
        for (int n = 0; n < NAMESPACES; n++) {
            for (int r = 0; r < ROLES_PER_NAMESPACE; r++) {
                roles.add(new Role("Role", "ns-" + n, "role-" + r, rules(random), Map.of(), List.of(), source));
            }
        }
        for (int c = 0; c < CLUSTER_ROLES; c++) {
            boolean aggregating = c < AGGREGATING;
            var selectors = aggregating ? List.of(new LabelSelectorBuilder()
                    .addToMatchLabels("aggregate-to", "agg-" + c).build()) : List.<io.fabric8.kubernetes.api.model.LabelSelector>of();
            Map<String, String> labels = aggregating ? Map.of() : Map.of("aggregate-to", "agg-" + (c % AGGREGATING));
            roles.add(new Role("ClusterRole", "", "cluster-role-" + c, aggregating ? List.of() : rules(random), labels,
                    selectors, source));
        }
        bindings = new ArrayList<>();
        for (int b = 0; b < ROLE_BINDINGS; b++) {
            String namespace = "ns-" + random.nextInt(NAMESPACES);
            boolean clusterRole = random.nextInt(4) == 0;
            bindings.add(new Binding("RoleBinding", namespace, "binding-" + b, clusterRole ? "ClusterRole" : "Role",
                    clusterRole ? "cluster-role-" + random.nextInt(CLUSTER_ROLES) : "role-" + random.nextInt(ROLES_PER_NAMESPACE),
                    subjects(random, namespace), source));
        }
        for (int b = 0; b < CLUSTER_ROLE_BINDINGS; b++) {
            bindings.add(new Binding("ClusterRoleBinding", "", "cluster-binding-" + b, "ClusterRole",
                    "cluster-role-" + random.nextInt(CLUSTER_ROLES), subjects(random, "ns-" + random.nextInt(NAMESPACES)),
                    source));
        }
        index = RbacIndex.of(roles, bindings);
        whoCanSecrets = Request.resource("get", "", "secrets", "", "ns-42", "db");
        Identity sa = Identity.serviceAccount("ns-42", "sa-7");
        canIExec = Request.resource("create", "", "pods", "exec", "ns-42", "web").as(sa.user(), sa.groups());
        if (index.whoCan(whoCanSecrets).size() < 2) {
            throw new IllegalStateException("the generated cluster grants nothing: a broken index is not measured");
        }
    }

    private static List<Rule> rules(Random random) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0, count = 1 + random.nextInt(4); i < count; i++) {
            rules.add(new Rule(VERBS.get(random.nextInt(VERBS.size())), List.of(random.nextInt(3) == 0 ? "apps" : ""),
                    List.of(RESOURCES.get(random.nextInt(RESOURCES.size())), RESOURCES.get(random.nextInt(RESOURCES.size()))),
                    List.of(), List.of()));
        }
        return rules;
    }

    private static List<Binding.Subject> subjects(Random random, String namespace) {
        return switch (random.nextInt(3)) {
            case 0 -> List.of(new Binding.Subject("ServiceAccount", "sa-" + random.nextInt(20), namespace));
            case 1 -> List.of(new Binding.Subject("User", "user-" + random.nextInt(500), ""));
            default -> List.of(new Binding.Subject("Group", "team-" + random.nextInt(50), ""),
                    new Binding.Subject("ServiceAccount", "sa-" + random.nextInt(20), namespace));
        };
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RbacIndex buildIndex() {
        return RbacIndex.of(roles, bindings);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<RbacIndex.Allowed> whoCan() {
        return index.whoCan(whoCanSecrets);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int canI() {
        return index.authorize(canIExec).size();
    }
}
