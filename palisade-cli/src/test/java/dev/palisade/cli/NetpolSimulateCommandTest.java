package dev.palisade.cli;

import static dev.palisade.cli.PalisadeCommandTest.fixture;
import static dev.palisade.cli.PalisadeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.cli.PalisadeCommandTest.Run;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class NetpolSimulateCommandTest {

    private static final String SHOP = fixture("netpol/shop.yaml");
    private static final String POLICIES = fixture("netpol/policies.yaml");
    private static final String PROPOSED = fixture("netpol/proposed.yaml");

    @Test
    void tableShowsAddedRemovedAndChangedConnections() {
        Run run = run("netpol", "simulate", "--with", PROPOSED, SHOP, POLICIES);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                Policies: 1 added (payments/pay-ingress), 1 replaced (shop/db-ingress)
                removed  0.0.0.0-255.255.255.255[External] => payments/pay[Deployment] : All Connections
                removed  kube-system/coredns[Deployment] => payments/pay[Deployment] : All Connections
                changed  shop/api[Deployment] => payments/pay[Deployment] : All Connections -> TCP 9000 (removed SCTP,TCP 1-8999,9001-65535,UDP)
                removed  shop/db[StatefulSet] => payments/pay[Deployment] : All Connections
                removed  shop/idle[Deployment] => payments/pay[Deployment] : All Connections
                removed  shop/web[Deployment] => payments/pay[Deployment] : All Connections
                added    shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432
                """);
        assertThat(run.err()).contains("ConfigMap shop/notes is not a networking.k8s.io/v1 NetworkPolicy: ignored");
    }

    @Test
    void jsonIsTheDocumentedSchema() {
        Run run = run("netpol", "simulate", "--with", PROPOSED, SHOP, POLICIES, "-o", "json");

        JsonNode simulation = JsonMapper.builder().build().readTree(run.out());
        assertThat(simulation.path("policies").path("added").get(0).asString()).isEqualTo("payments/pay-ingress");
        assertThat(simulation.path("policies").path("replaced").get(0).asString()).isEqualTo("shop/db-ingress");
        assertThat(simulation.path("summary").path("added").asInt()).isEqualTo(1);
        assertThat(simulation.path("summary").path("removed").asInt()).isEqualTo(5);
        assertThat(simulation.path("summary").path("changed").asInt()).isEqualTo(1);
        JsonNode changed = simulation.path("changes").get(2);
        assertThat(changed.path("change").asString()).isEqualTo("changed");
        assertThat(changed.path("before").asString()).isEqualTo("All Connections");
        assertThat(changed.path("after").asString()).isEqualTo("TCP 9000");
        assertThat(changed.path("added").asString()).isEqualTo("No Connections");
        assertThat(changed.path("removed").asString()).isEqualTo("SCTP,TCP 1-8999,9001-65535,UDP");
    }

    @Test
    void nothingToSimulateExitsTwo() {
        Run run = run("netpol", "simulate", "--with", fixture("netpol/flows.json"), SHOP);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("flows.json: no NetworkPolicy to simulate");
    }
}
