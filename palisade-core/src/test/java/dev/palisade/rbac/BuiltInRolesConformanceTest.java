package dev.palisade.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.SharedData;
import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Palisade's bundled built-in ClusterRoles (cluster-admin, admin, edit, view) must decide every request as
 * Kubernetes' bootstrap policy does: compared with the golden excerpt in
 * ../shared/conformance/rbac/k8s/default-aggregated-clusterroles.yaml over every verb × resource they name.
 */
class BuiltInRolesConformanceTest {

    private static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection", "impersonate", "bind", "escalate", "use");

    private static String binding(String role) {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: probe, namespace: ns}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %s}
                subjects: [{kind: User, name: probe}]
                """.formatted(role);
    }

    @Test
    void builtInRolesDecideLikeKubernetes() throws IOException {
        String golden = Files.readString(SharedData.path("conformance/rbac/k8s/default-aggregated-clusterroles.yaml"));
        Snapshot goldenRoles = TestSupport.snapshot("golden.yaml", golden);
        assertThat(goldenRoles.problems()).isEmpty();
        Set<List<String>> resources = new LinkedHashSet<>();
        for (Role role : RbacIndex.of(goldenRoles).roles()) {
            for (Rule rule : role.rules()) {
                for (String group : rule.apiGroups()) {
                    rule.resources().forEach(r -> resources.add(List.of(group, r)));
                }
            }
        }
        RbacIndex.BUILT_IN.forEach(role -> role.rules().forEach(rule -> rule.apiGroups().forEach(group ->
                rule.resources().forEach(r -> resources.add(List.of(group, r))))));
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (String role : List.of("cluster-admin", "admin", "edit", "view")) {
            RbacIndex bundled = RbacIndex.of(TestSupport.snapshot("bundled.yaml", binding(role)));
            RbacIndex kubernetes = RbacIndex.of(TestSupport.snapshot("kubernetes.yaml",
                    golden + "\n---\n" + binding(role)));
            for (List<String> resource : resources) {
                String[] parts = resource.get(1).split("/", 2);
                for (String verb : VERBS) {
                    Request request = new Request("probe", List.of("system:authenticated"), verb, resource.get(0),
                            parts[0], parts.length > 1 ? parts[1] : "", "ns", "", true, "");
                    compared++;
                    boolean ours = !bundled.authorize(request).isEmpty();
                    boolean theirs = !kubernetes.authorize(request).isEmpty();
                    if (ours != theirs) {
                        differences.add(role + ": " + verb + " " + resource + " bundled=" + ours + " kubernetes=" + theirs);
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(differences).as(differences.size() + " differences:\n" + String.join("\n",
                differences.stream().limit(40).toList())).isEmpty();
    }
}
