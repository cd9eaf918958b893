package dev.palisade.cli;

import dev.palisade.rbac.Grant;
import dev.palisade.rbac.Identity;
import dev.palisade.rbac.RbacIndex;
import dev.palisade.rbac.Request;
import dev.palisade.rbac.ResourceName;
import dev.palisade.rbac.Rule;
import dev.palisade.source.InventoryLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code palisade rbac}: ask the RBAC state of a cluster, offline, with the Kubernetes authorizer's semantics. */
@Command(name = "rbac", mixinStandardHelpOptions = true, description = "Query RBAC: can-i, who-can, explain.",
        subcommands = {RbacCommand.CanI.class, RbacCommand.WhoCan.class, RbacCommand.Explain.class})
final class RbacCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the inventory comes from and how to print, for every rbac subcommand. */
    static final class Common {

        @Mixin
        InputOptions input;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table (default) or json.")
        String format;

        RbacIndex index(List<String> paths) {
            return RbacIndex.of(new InventoryLoader().load(input.request(paths)));
        }

        boolean json() {
            return dev.palisade.report.TableOrJson.json(format);
        }
    }

    /** VERB RESOURCE [PATH...] [--name] [-n]: the request of can-i and who-can. */
    static final class Query {

        @Parameters(index = "0", paramLabel = "VERB")
        String verb;

        @Parameters(index = "1", paramLabel = "RESOURCE", description = "pods, pods/exec, deployments.apps, /healthz, ...")
        String resource;

        @Parameters(index = "2..*", paramLabel = "PATH", description = "Manifest files or directories.")
        List<String> paths = new ArrayList<>();

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "",
                description = "The namespace (empty: cluster-scoped).")
        String namespace;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "The object's name.")
        String name;

        Request request() {
            return ResourceName.parse(resource).request(verb, namespace, name);
        }
    }

    static ObjectNode grant(Grant grant) {
        return JsonNodeFactory.instance.objectNode().put("binding", grant.binding().toString())
                .put("role", grant.role().toString()).put("rule", grant.rule().toString()).put("scope", grant.scope());
    }

    static void print(PrintWriter out, Object json) {
        out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        out.flush();
    }

    @Command(name = "can-i", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Whether a user, group or service account may make a request, and which binding → role →"
                    + " rule grants it.", "Exit 0 when allowed, 1 when not (as kubectl auth can-i)."})
    static final class CanI implements Callable<Integer> {

        @Mixin
        Query query;

        @Option(names = "--as", required = true, paramLabel = "USER",
                description = "A user, or system:serviceaccount:NAMESPACE:NAME.")
        String as;

        @Option(names = "--as-group", paramLabel = "GROUP", description = "A group of the user; repeatable.")
        List<String> groups = new ArrayList<>();

        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Identity identity = Identity.of(as, groups);
            Request request = query.request().as(identity.user(), identity.groups());
            List<Grant> grants = common.index(query.paths).authorize(request);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json()) {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.put("allowed", !grants.isEmpty());
                ArrayNode list = root.putArray("grants");
                grants.forEach(g -> list.add(grant(g)));
                print(out, root);
            } else {
                out.println(grants.isEmpty() ? "no" : "yes");
                grants.forEach(g -> out.println("  " + g));
                out.flush();
            }
            return grants.isEmpty() ? PalisadeCommand.EXIT_FINDINGS : PalisadeCommand.EXIT_OK;
        }
    }

    @Command(name = "who-can", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every subject that may make a request (group system:masters always), with its grants.")
    static final class WhoCan implements Callable<Integer> {

        @Mixin
        Query query;

        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<RbacIndex.Allowed> allowed = common.index(query.paths).whoCan(query.request());
            PrintWriter out = spec.commandLine().getOut();
            if (common.json()) {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                ArrayNode subjects = root.putArray("subjects");
                for (RbacIndex.Allowed a : allowed) {
                    ObjectNode subject = subjects.addObject().put("kind", a.subject().kind())
                            .put("name", a.subject().name()).put("namespace", a.subject().namespace());
                    ArrayNode grants = subject.putArray("grants");
                    a.grants().forEach(g -> grants.add(grant(g)));
                }
                print(out, root);
            } else {
                for (RbacIndex.Allowed a : allowed) {
                    out.println(a.subject() + (a.grants().isEmpty() ? "  (superuser group)" : ""));
                    a.grants().forEach(g -> out.println("  " + g));
                }
                out.flush();
            }
            return PalisadeCommand.EXIT_OK;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Effective permissions of a user or service account per namespace, rules merged by verb.")
    static final class Explain implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SUBJECT", description = "A user, or system:serviceaccount:NS:NAME.")
        String subject;

        @Parameters(index = "1..*", paramLabel = "PATH")
        List<String> paths = new ArrayList<>();

        @Option(names = "--as-group", paramLabel = "GROUP")
        List<String> groups = new ArrayList<>();

        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Identity identity = Identity.of(subject, groups);
            RbacIndex index = common.index(paths);
            Map<String, List<Rule>> rules = index.effectiveRules(identity);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json()) {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.put("user", identity.user());
                ArrayNode groupList = root.putArray("groups");
                identity.groups().forEach(groupList::add);
                ArrayNode bindings = root.putArray("bindings");
                index.bindingsOf(identity).forEach(b -> bindings.add(b + " → " + b.roleKind() + " " + b.roleName()));
                ObjectNode scopes = root.putObject("permissions");
                rules.forEach((scope, list) -> {
                    ArrayNode array = scopes.putArray(scope);
                    list.forEach(r -> array.add(r.toString()));
                });
                print(out, root);
            } else {
                out.println(identity.user() + " (groups " + String.join(", ", identity.groups()) + ")");
                index.bindingsOf(identity).forEach(b -> out.println("  bound by " + b + " → " + b.roleKind() + " "
                        + b.roleName()));
                if (rules.isEmpty()) {
                    out.println("  no permissions");
                }
                rules.forEach((scope, list) -> {
                    out.println(scope.equals("cluster") ? "cluster-wide:" : "namespace " + scope + ":");
                    list.forEach(r -> out.println("  " + r));
                });
                out.flush();
            }
            return PalisadeCommand.EXIT_OK;
        }
    }
}
