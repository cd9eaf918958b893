package dev.palisade.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.TestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RbacIndexTest {

    private static final String MANIFESTS = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: monitoring
            aggregationRule:
              clusterRoleSelectors:
                - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
            rules: []
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: read-pods
              labels: {rbac.example.com/aggregate-to-monitoring: "true"}
            rules:
              - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: read-metrics
              labels: {rbac.example.com/aggregate-to-monitoring: "true"}
            aggregationRule:
              clusterRoleSelectors:
                - matchLabels: {rbac.example.com/aggregate-to-metrics: "true"}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: nodes-metrics
              labels: {rbac.example.com/aggregate-to-metrics: "true"}
            rules:
              - {apiGroups: [""], resources: [nodes/metrics], verbs: [get]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: prometheus, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
            subjects:
              - {kind: ServiceAccount, name: prometheus}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: deployer-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects:
              - {kind: ServiceAccount, name: deployer, namespace: ci}
            """;

    private final RbacIndex index = RbacIndex.of(TestSupport.snapshot("rbac.yaml", MANIFESTS));

    @Test
    void aggregatedClusterRolesReachAFixpointThroughChains() {
        Identity prometheus = Identity.serviceAccount("shop", "prometheus");
        Request nodeMetrics = ResourceName.parse("nodes/metrics").request("get", "shop", "")
                .as(prometheus.user(), prometheus.groups());

        assertThat(index.authorize(nodeMetrics)).singleElement().satisfies(grant -> {
            assertThat(grant.role().name()).isEqualTo("monitoring");
            assertThat(grant.scope()).isEqualTo("shop");
        });
        Request elsewhere = ResourceName.parse("pods").request("list", "payments", "")
                .as(prometheus.user(), prometheus.groups());
        assertThat(index.authorize(elsewhere)).as("a RoleBinding grants only in its namespace").isEmpty();
    }

    @Test
    void undefinedClusterAdminIsTheBuiltInRole() {
        Identity deployer = Identity.serviceAccount("ci", "deployer");
        Request secrets = Request.resource("get", "", "secrets", "", "payments", "db").as(deployer.user(), deployer.groups());
        Request healthz = Request.nonResource("get", "/healthz").as(deployer.user(), deployer.groups());

        assertThat(index.authorize(secrets)).extracting(g -> g.role().name()).containsExactly("cluster-admin");
        assertThat(index.authorize(healthz)).isNotEmpty();
        assertThat(index.whoCan(Request.resource("delete", "", "nodes", "", "", "n1")))
                .extracting(a -> a.subject().toString())
                .containsExactly("Group system:masters", "ServiceAccount ci/deployer");
    }

    @Test
    void explainCollapsesRulesPerScope() {
        Map<String, List<Rule>> rules = index.effectiveRules(Identity.serviceAccount("shop", "prometheus"));

        assertThat(rules).containsOnlyKeys("shop");
        // aggregated in the order of the matched roles' names: read-metrics, then read-pods
        assertThat(rules.get("shop")).extracting(Rule::toString).containsExactly(
                "verbs=[get] apiGroups=[\"\"] resources=[nodes/metrics]",
                "verbs=[get list] apiGroups=[\"\"] resources=[pods]");
    }

    @Test
    void identitiesGetTheGroupsKubernetesAdds() {
        assertThat(Identity.serviceAccount("ci", "deployer").groups()).containsExactly("system:serviceaccounts",
                "system:serviceaccounts:ci", "system:authenticated");
        assertThat(Identity.of("system:anonymous", List.of()).groups()).containsExactly("system:unauthenticated");
        assertThat(Identity.of("jane", List.of("devs")).groups()).containsExactly("devs", "system:authenticated");
        assertThatThrownBy(() -> Identity.of("system:serviceaccount:nope", List.of()))
                .hasMessageContaining("system:serviceaccount:NAMESPACE:NAME");
    }

    @Test
    void resourcesAreParsedAsKubectlDoes() {
        assertThat(ResourceName.parse("pods/exec")).isEqualTo(new ResourceName("", "pods", "exec", ""));
        assertThat(ResourceName.parse("deployments")).isEqualTo(new ResourceName("apps", "deployments", "", ""));
        assertThat(ResourceName.parse("deployments.apps")).isEqualTo(new ResourceName("apps", "deployments", "", ""));
        assertThat(ResourceName.parse("gateways.gateway.networking.k8s.io"))
                .isEqualTo(new ResourceName("gateway.networking.k8s.io", "gateways", "", ""));
        assertThat(ResourceName.parse("/healthz").nonResource()).isTrue();
        assertThat(ResourceName.parse("widgets.example.com/status"))
                .isEqualTo(new ResourceName("example.com", "widgets", "status", ""));
    }
}
