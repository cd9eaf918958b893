package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Answer;
import dev.palisade.scan.ScanConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Question 9 from observed flows: paths allowed but never used, and observed flows the policies deny. */
class UnusedPathsTest {

    private static final Snapshot SHOP = TestSupport.snapshot("shop.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: registry.example/web:1.0}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: registry.example/api:1.0}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db, namespace: shop}
            spec:
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: registry.example/db:1.0}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-to-api, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}, {port: 9090}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: egress-in-namespace, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{to: [{podSelector: {}}]}]
            """);

    @Test
    void needsFlowsUntilGiven() {
        Answer answer = new UnusedPaths().analyze(SHOP, ScanConfig.defaults(), List.of()).answers().get(0);
        assertThat(answer.status()).isEqualTo(Answer.Status.NEEDS_DATA);
        assertThat(answer.needs()).contains("--flows FILE");
    }

    @Test
    void listsDeniedFlowsThenUnusedPaths() {
        ObservedFlows flows = ObservedFlows.parse("flows.csv", """
                source,destination,port,protocol
                shop/web,shop/api,8080,TCP
                shop/web,shop/db,5432,TCP
                """, SHOP);
        assertThat(flows.problems()).isEmpty();
        Answer answer = new UnusedPaths().analyze(SHOP, ScanConfig.defaults().with(ObservedFlows.class, flows), List.of())
                .answers().get(0);
        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(answer.table().rows()).extracting(r -> String.join(" | ", r)).containsExactly(
                "shop/web[Deployment] => shop/db[Deployment] | no | TCP 5432 | observed but denied by destination ingress",
                "shop/web[Deployment] => shop/api[Deployment] | TCP 8080,9090 | TCP 9090 | partly used");
        assertThat(answer.summary()).isEqualTo("0 of 1 allowed path were never used and 1 only partly, in 2 observed"
                + " flows; 1 observed flow is denied by the policies.");
    }
}
