package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.AnalysisFixtureTest;
import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NetworkGaps} on its fixtures under {@code network-fixtures/<check-id>/}, and its messages. */
class NetworkGapsTest extends AnalysisFixtureTest {

    @Override
    protected String folder() {
        return "network-fixtures";
    }

    @Override
    protected List<String> checkIds() {
        return NetworkGaps.checkIds();
    }

    @Override
    protected String category() {
        return "Network";
    }

    @Override
    protected List<Finding> analyze(Snapshot snapshot) {
        Analysis.Result result = new NetworkGaps().analyze(snapshot, ScanConfig.defaults(), List.of());
        assertThat(result.answers()).isEmpty();
        return result.findings();
    }

    @Test
    void messagesNameTheRuleAndWhatIsWrong() {
        Snapshot peers = TestSupport.snapshotOf("network-fixtures/network-policy-peer-matches-nothing/violating.yaml");
        assertThat(findings("network-policy-peer-matches-nothing", peers)).extracting(Finding::message)
                .containsExactlyInAnyOrder("ingress[0].from[0] (pods {app=fronted} in namespace shop) matches no pod in the inventory",
                        "ingress[0].from[1] (every pod in namespaces {team=monitoring}) matches no pod in the inventory");
        Snapshot invalid = TestSupport.snapshotOf("network-fixtures/network-policy-invalid/violating.yaml");
        assertThat(findings("network-policy-invalid", invalid)).extracting(Finding::message).anySatisfy(m ->
                assertThat(m).contains("egress[0].to[0]", "192.168.0.0/16", "not inside cidr"))
                .anySatisfy(m -> assertThat(m).contains("egress[0].ports[0]", "70000"));
        Snapshot deny = TestSupport.snapshotOf("network-fixtures/network-namespace-without-default-deny/violating.yaml");
        assertThat(findings("network-namespace-without-default-deny", deny)).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("Namespace blog", "for egress").doesNotContain("ingress"));
    }
}
