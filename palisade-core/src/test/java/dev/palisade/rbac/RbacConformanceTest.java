package dev.palisade.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every case of ../shared/conformance/rbac/k8s/authorizer-oracle.json: rule matching, the authorizer over
 * roles and bindings, who-can, and the policy comparator (covers).
 */
class RbacConformanceTest {

    private static JsonNode oracle() throws IOException {
        return JsonMapper.builder().build().readTree(SharedData.path("conformance/rbac/k8s/authorizer-oracle.json")
                .toFile());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    static Rule rule(JsonNode node) {
        return new Rule(strings(node.path("verbs")), strings(node.path("apiGroups")), strings(node.path("resources")),
                strings(node.path("resourceNames")), strings(node.path("nonResourceURLs")));
    }

    private static List<Rule> rules(JsonNode array) {
        List<Rule> rules = new ArrayList<>();
        array.forEach(r -> rules.add(rule(r)));
        return rules;
    }

    static Request request(JsonNode node) {
        return new Request(node.path("user").asString(""), strings(node.path("groups")), node.path("verb").asString(""),
                node.path("apiGroup").asString(""), node.path("resource").asString(""),
                node.path("subresource").asString(""), node.path("namespace").asString(""),
                node.path("name").asString(""), node.path("resourceRequest").asBoolean(true),
                node.path("path").asString(""));
    }

    static RbacIndex index(JsonNode testCase) {
        List<Role> roles = new ArrayList<>();
        testCase.path("clusterRoles").forEach(r -> roles.add(new Role("ClusterRole", "", r.path("name").asString(),
                rules(r.path("rules")), null, null, null)));
        testCase.path("roles").forEach(r -> roles.add(new Role("Role", r.path("namespace").asString(""),
                r.path("name").asString(), rules(r.path("rules")), null, null, null)));
        List<Binding> bindings = new ArrayList<>();
        for (String field : List.of("clusterRoleBindings", "roleBindings")) {
            testCase.path(field).forEach(b -> {
                List<Binding.Subject> subjects = new ArrayList<>();
                b.path("subjects").forEach(s -> subjects.add(new Binding.Subject(s.path("kind").asString(),
                        s.path("name").asString(), s.path("namespace").asString(""))));
                bindings.add(new Binding(b.path("kind").asString(field.equals("roleBindings") ? "RoleBinding"
                        : "ClusterRoleBinding"), b.path("namespace").asString(""), b.path("name").asString("binding"),
                        b.path("roleRef").path("kind").asString(), b.path("roleRef").path("name").asString(), subjects,
                        null));
            });
        }
        return RbacIndex.of(roles, bindings);
    }

    @Test
    void ruleMatching() throws IOException {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode c : oracle().path("rule_match_cases")) {
            count++;
            boolean actual = rule(c.path("rule")).allows(request(c.path("request")));
            if (actual != c.path("expected").asBoolean()) {
                failures.add(c.path("name").asString() + ": " + c.path("request") + " expected " + c.path("expected"));
            }
        }
        assertThat(count).isEqualTo(100);
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void authorizer() throws IOException {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (JsonNode c : oracle().path("authorizer_cases")) {
            RbacIndex index = index(c);
            for (JsonNode r : c.path("requests")) {
                requests++;
                boolean allowed = !index.authorize(request(r)).isEmpty();
                if (allowed != r.path("expected").asBoolean()) {
                    failures.add(c.path("name").asString() + ": " + r + " → " + allowed);
                }
            }
        }
        assertThat(requests).isPositive();
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void whoCan() throws IOException {
        List<String> failures = new ArrayList<>();
        for (JsonNode c : oracle().path("who_can_cases")) {
            RbacIndex index = index(c);
            for (JsonNode q : c.path("queries")) {
                Request request = Request.resource(q.path("verb").asString(), q.path("apiGroup").asString(""),
                        q.path("resource").asString(), q.path("subresource").asString(""),
                        q.path("namespace").asString(""), q.path("name").asString(""));
                List<String> actual = index.whoCan(request, c.path("superUser").asString("")).stream()
                        .map(a -> a.subject().kind() + ":" + a.subject().name()).toList();
                List<String> expected = new ArrayList<>();
                q.path("expectedSubjects").forEach(s -> expected.add(s.path("kind").asString() + ":"
                        + s.path("name").asString()));
                if (!actual.equals(expected.stream().distinct().toList())) {
                    failures.add(c.path("name").asString() + " " + q + ": got " + actual);
                }
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void covers() throws IOException {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode c : oracle().path("covers_cases")) {
            count++;
            List<Rule> uncovered = Covers.uncovered(rules(c.path("ownerRules")), rules(c.path("servantRules")));
            List<Rule> expected = rules(c.path("expectedUncoveredRules"));
            if (uncovered.isEmpty() != c.path("expectedCovered").asBoolean() || !uncovered.equals(expected)) {
                failures.add(c.path("name").asString() + ": got " + uncovered.stream().map(Rule::toString)
                        .collect(Collectors.joining("; ")) + " expected " + expected);
            }
        }
        for (JsonNode c : oracle().path("nonresourceurl_covers_cases")) {
            count++;
            if (Covers.urlCovers(c.path("owner").asString(), c.path("requested").asString())
                    != c.path("expected").asBoolean()) {
                failures.add("url " + c);
            }
        }
        assertThat(count).isEqualTo(37);
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }
}
