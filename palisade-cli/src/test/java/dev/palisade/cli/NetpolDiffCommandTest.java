package dev.palisade.cli;

import static dev.palisade.cli.PalisadeCommandTest.fixture;
import static dev.palisade.cli.PalisadeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.cli.PalisadeCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NetpolDiffCommandTest {

    private static final String SHOP = fixture("netpol/shop.yaml");
    private static final String POLICIES = fixture("netpol/policies.yaml");

    @TempDir
    Path dir;

    @Test
    void tableListsDeniedFlowsAndUnusedPathsAndReportsBadFlows() {
        Run run = run("netpol", "diff", "--flows", fixture("netpol/flows.csv"), SHOP, POLICIES);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Observed flows: 6 distinct (1 left out")
                .contains("Observed but denied: 1\n", "\nObserved but denied\n  shop/web[Deployment] =>"
                        + " shop/db[StatefulSet] : TCP 5432  denied by destination ingress (shop/db-ingress)  last seen"
                        + " 2026-11-20T10:02:00Z\n")
                .contains("\nAllowed but never used\n", "  shop/idle[Deployment] => shop/web[Deployment] : All Connections\n")
                .contains("\nAllowed, partly unused\n", "  shop/web[Deployment] => shop/api[Deployment] : unused"
                        + " SCTP,TCP 1-8079,8081-65535,UDP; used TCP 8080\n")
                .doesNotContain("shop/api[Deployment] => shop/db[StatefulSet]");
        assertThat(run.err()).isEqualTo("palisade: " + fixture("netpol/flows.csv")
                + ": line 8: destination 'shop/cache' is not a workload of the inventory\n");
    }

    @Test
    void failOnDeniedExitsOneOnlyWhenAFlowIsDenied() {
        assertThat(run("netpol", "diff", "--flows", fixture("netpol/flows.csv"), SHOP, POLICIES, "--fail-on-denied")
                .exitCode()).isEqualTo(1);
        assertThat(run("netpol", "diff", "--flows", fixture("netpol/flows.json"), SHOP, POLICIES, "--fail-on-denied")
                .exitCode()).isZero();
    }

    @Test
    void jsonIsTheDocumentedSchema() throws IOException {
        Path file = dir.resolve("diff.json");
        Run run = run("netpol", "diff", "--flows", fixture("netpol/flows.csv"), SHOP, POLICIES, "-o", "json",
                "--output-file", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        JsonNode diff = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(diff.path("summary").path("observedFlows").asInt()).isEqualTo(6);
        assertThat(diff.path("summary").path("denied").asInt()).isEqualTo(1);
        assertThat(diff.path("summary").path("problems").asInt()).isEqualTo(1);
        assertThat(diff.path("summary").path("neverUsed").asInt() + diff.path("summary").path("partlyUnused").asInt())
                .isEqualTo(diff.path("unused").size());
        JsonNode denied = diff.path("denied").get(0);
        assertThat(denied.path("src").asString()).isEqualTo("shop/web[Deployment]");
        assertThat(denied.path("port").asInt()).isEqualTo(5432);
        assertThat(denied.path("lastSeen").asString()).isEqualTo("2026-11-20T10:02:00Z");
        assertThat(denied.path("deniedBy").get(0).path("side").asString()).isEqualTo("destination ingress");
        assertThat(denied.path("deniedBy").get(0).path("policies").get(0).asString()).isEqualTo("shop/db-ingress");
        assertThat(diff.path("unused")).anySatisfy(u -> {
            assertThat(u.path("src").asString()).isEqualTo("0.0.0.0-255.255.255.255[External]");
            assertThat(u.path("dst").asString()).isEqualTo("shop/web[Deployment]");
            assertThat(u.path("used").asString()).isEqualTo("TCP 443");
            assertThat(u.path("neverUsed").asBoolean()).isFalse();
        });
        assertThat(diff.path("problems").get(0).asString()).endsWith("line 8: destination 'shop/cache' is not a"
                + " workload of the inventory");
    }

    @Test
    void unusableFlowsAndBadOptionsExitTwo() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "source,destination,port\nshop/nope,shop/api,80\n");
        Run noFlow = run("netpol", "diff", "--flows", bad.toString(), SHOP);
        assertThat(noFlow.exitCode()).isEqualTo(2);
        assertThat(noFlow.err()).contains("line 2: source 'shop/nope' is not a workload", bad + ": no usable flow");

        Run missing = run("netpol", "diff", "--flows", dir.resolve("missing.csv").toString(), SHOP);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.csv: no such file or directory");

        assertThat(run("netpol", "diff", SHOP).err()).contains("Missing required option: '--flows=FILE'");
        Run format = run("netpol", "diff", "--flows", fixture("netpol/flows.csv"), SHOP, "-o", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("unknown output format 'xml' (expected table or json)");
    }
}
