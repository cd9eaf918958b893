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

class NetpolGenerateCommandTest {

    private static final String SHOP = fixture("netpol/shop.yaml");
    private static final String DNS = " => kube-system/coredns[Deployment] : TCP 53,UDP 53";

    @TempDir
    Path dir;

    @Test
    void generatedPoliciesMappedWithTheInventoryAllowExactlyTheFlowsPlusDns() throws IOException {
        Path generated = dir.resolve("generated.yaml");
        Run run = run("netpol", "generate", "--flows", fixture("netpol/flows.csv"), SHOP,
                fixture("netpol/policies.yaml"), "--output-file", generated.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("line 8: destination 'shop/cache' is not a workload").doesNotContain("warning");
        assertThat(Files.readString(generated)).startsWith("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n")
                .contains("name: palisade-default-deny", "name: palisade-dns", "name: palisade-web-ingress",
                        "cidr: \"203.0.113.7/32\"");

        Run map = run("netpol", "map", SHOP, generated.toString());
        assertThat(map.err()).isEmpty();
        assertThat(map.out().lines()).containsExactly(
                "203.0.113.7-203.0.113.7[External] => shop/web[Deployment] : TCP 443",
                "payments/pay[Deployment] => 198.51.100.10-198.51.100.10[External] : TCP 443",
                "payments/pay[Deployment]" + DNS,
                "shop/api[Deployment]" + DNS,
                "shop/api[Deployment] => payments/pay[Deployment] : TCP 9000",
                "shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432",
                "shop/db[StatefulSet]" + DNS,
                "shop/idle[Deployment]" + DNS,
                "shop/web[Deployment]" + DNS,
                "shop/web[Deployment] => shop/api[Deployment] : TCP 8080",
                "shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432");
    }

    @Test
    void lookAlikeWorkloadsAreWarnedAboutWithWhatTheyAlsoAllow() throws IOException {
        Path flows = Files.writeString(dir.resolve("flows.json"), """
                [{"source": "team/twin-a", "destination": "203.0.113.7", "port": 443}]""");

        Run run = run("netpol", "generate", "--flows", flows.toString(), fixture("netpol/twins.yaml"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("name: palisade-twin-a-egress").doesNotContain("twin-b");
        assertThat(run.err()).contains("palisade: warning: Deployment team/twin-a: no label selector leaves out the pods"
                        + " of Deployment team/twin-b")
                .contains("palisade: warning: the policies also allow team/twin-b[Deployment] =>"
                        + " 203.0.113.7-203.0.113.7[External] : TCP 443\n");
    }
}
