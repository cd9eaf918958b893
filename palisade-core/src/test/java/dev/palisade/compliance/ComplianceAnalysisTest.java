package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Answer;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.source.NodeFactsFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceAnalysisTest {

    private static ScanReport scan(String scenario, boolean withNodes) {
        Snapshot snapshot = TestSupport.snapshotOf("compliance-fixtures/" + scenario + "/cluster.yaml");
        List<NodeFacts> nodes = withNodes ? NodeFactsFile.readAll(ComplianceFixturesTest.resourcePath(
                "compliance-fixtures/" + scenario + "/nodes")) : List.of();
        return Scanner.scan(snapshot, ComplianceFixturesTest.config(nodes));
    }

    private static Answer question12(ScanReport report) {
        return report.answers().stream().filter(a -> a.number() == 12).findFirst().orElseThrow();
    }

    @Test
    void question12GivesTheClusterTheWorstNamespacesAndTheNodes() {
        Answer answer = question12(scan("weak", true));

        assertThat(answer.status()).isEqualTo(Answer.Status.ANSWERED);
        assertThat(answer.summary()).startsWith("CIS Kubernetes Benchmark v1.12: 0 of ").contains(
                " judged controls pass cluster-wide (0%)", "Least adherent namespaces: ", "Nodes: cp-1 0% (",
                "palisade compliance --standard cis-1.12");
        assertThat(answer.table().columns()).containsExactly("scope", "adherence", "passing", "failing controls");
        assertThat(answer.table().rows()).extracting(row -> row.get(0)).startsWith("cluster (every scope)").contains("control plane and cluster-scoped objects", "namespace/lab", "node/cp-1");
    }

    @Test
    void withoutNodeFactsTheAnswerIsPartialAndSaysHowToCollectThem() {
        ScanReport report = scan("hardened", false);
        Answer answer = question12(report);

        assertThat(answer.status()).isEqualTo(Answer.Status.PARTIAL);
        assertThat(answer.needs()).contains("palisade node-facts", "--node-facts DIR");
        assertThat(report.sections()).filteredOn(s -> s.title().equals("Compliance")).singleElement()
                .satisfies(s -> assertThat(s.table().rows()).extracting(row -> row.get(0)).containsExactly("cis-1.12",
                        "nsa", "pss-baseline", "pss-restricted", "pci-4.0", "nist-800-53", "nist-800-190", "hipaa"));
    }

    @Test
    void aHardenedClusterAdheresFully() {
        Answer answer = question12(scan("hardened", true));

        assertThat(answer.table().rows().get(0)).containsExactly("cluster (every scope)", "100%",
                answer.table().rows().get(0).get(2), "");
        assertThat(answer.table().rows()).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("100%"));
    }
}
