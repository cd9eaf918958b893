package dev.palisade.cli;

import static dev.palisade.cli.PalisadeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code palisade netpol map} and {@code palisade netpol reach} on the bundled demo cluster. */
class NetpolMapReachCommandTest {

    private static final String DEMO = Path.of("src/main/resources/demo").toString();

    @Test
    void mapListsAllowedConnectionsInEveryFormat(@TempDir Path dir) throws IOException {
        PalisadeCommandTest.Run txt = run("netpol", "map", DEMO);
        assertThat(txt.exitCode()).isZero();
        assertThat(txt.out()).contains("payments/payments-api[Deployment] => data/postgres[StatefulSet] : TCP 5432\n",
                "ingress-nginx/ingress-nginx-controller[Deployment] => payments/payments-webhook[Deployment] : TCP 8080\n");
        assertThat(txt.out()).doesNotContain("shop/api[Deployment] => payments/payments-api[Deployment] : TCP 8080");

        PalisadeCommandTest.Run focus = run("netpol", "map", DEMO, "--focus-workload", "data/postgres", "-o", "csv");
        assertThat(focus.out()).startsWith("src,dst,conn\n");
        assertThat(focus.out().lines().skip(1)).isNotEmpty().allMatch(l -> l.contains("data/postgres[StatefulSet]"));

        Path json = dir.resolve("map.json");
        assertThat(run("netpol", "map", DEMO, "-o", "json", "--output-file", json.toString()).exitCode()).isZero();
        JsonNode flows = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(flows.isArray()).isTrue();
        assertThat(flows.get(0).has("src") && flows.get(0).has("dst") && flows.get(0).has("conn")).isTrue();

        assertThat(run("netpol", "map", DEMO, "-o", "md").out()).startsWith("| src | dst | conn |\n|-----|-----|------|\n");
        assertThat(run("netpol", "map", DEMO, "-o", "dot").out()).startsWith("digraph {").contains("subgraph \"cluster_payments\"");
        PalisadeCommandTest.Run bad = run("netpol", "map", DEMO, "-o", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown connectivity format 'xml'");
    }

    @Test
    void reachExplainsBothSidesAndSetsTheExitCode() {
        PalisadeCommandTest.Run allowed = run("netpol", "reach", DEMO, "--from", "payments/payments-api",
                "--to", "data/postgres", "--port", "5432");
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.out()).contains("ALLOWED", "allowed TCP 5432 by allow-egress-postgres-and-psp egress[0]",
                "ingress of data/postgres[StatefulSet]: isolated by default-deny-ingress");

        PalisadeCommandTest.Run denied = run("netpol", "reach", DEMO, "--from", "shop/api",
                "--to", "payments/payments-api", "--port", "8080/TCP");
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.out()).contains("DENIED", "egress of shop/api[Deployment]: not isolated",
                "allowed TCP 8443 by allow-shop-api-to-payments-api ingress[0]");

        PalisadeCommandTest.Run external = run("netpol", "reach", DEMO, "--from", "payments/payments-api",
                "--to", "8.8.8.8", "--port", "443", "-o", "json");
        assertThat(external.exitCode()).isZero();
        assertThat(external.out()).contains("\"allowed\" : true", "\"ingress\" : null");

        PalisadeCommandTest.Run unknown = run("netpol", "reach", DEMO, "--from", "nope", "--to", "data/postgres");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no workload 'nope'");
        assertThat(run("netpol", "reach", DEMO, "--from", "shop/api", "--to", "data/postgres", "--port", "99999")
                .err()).contains("outside 1-65535");
    }
}
