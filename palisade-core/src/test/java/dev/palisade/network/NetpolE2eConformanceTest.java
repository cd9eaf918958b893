package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.SharedData;
import dev.palisade.TestSupport;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.NetworkModel.NetPod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every truth-table cell of Kubernetes' e2e NetworkPolicy tests ({@code ../shared/conformance/netpol/k8s-e2e}):
 * per case, step, protocol and port, whether each pod can reach each other pod.
 */
class NetpolE2eConformanceTest {

    private static final Path ROOT = SharedData.path("conformance/netpol/k8s-e2e");

    @TestFactory
    Stream<DynamicTest> everyTruthTable() throws IOException {
        List<String> rows = Files.readAllLines(ROOT.resolve("index.tsv"));
        assertThat(rows).hasSizeGreaterThan(60);
        return rows.stream().skip(1).filter(r -> !r.isBlank()).map(row -> {
            String[] f = row.split("\t");
            String name = f[0] + " step " + f[1] + " " + f[2] + "/" + f[3];
            return DynamicTest.dynamicTest(name, () -> check(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]),
                    ROOT.resolve(f[4])));
        });
    }

    private static void check(String testCase, int step, String protocol, int port, Path expectedFile) throws IOException {
        Path resources = ROOT.resolve("cases").resolve(testCase).resolve("step" + step + "-resources.yaml");
        Snapshot snapshot = TestSupport.snapshot(resources.toString(), Files.readString(resources));
        assertThat(snapshot.problems()).as("load problems").isEmpty();
        NetworkModel model = NetworkModel.of(snapshot);
        model.policies().forEach(p -> assertThat(p.problems()).as(p.ref().toString()).isEmpty());
        Reachability reachability = Reachability.of(model);
        Map<String, NetPod> pods = model.pods().stream()
                .collect(Collectors.toMap(p -> p.namespace() + "/" + p.name(), Function.identity()));
        List<String> lines = Files.readAllLines(expectedFile);
        String[] header = lines.get(0).split("\t");
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cellsOfRow = line.split("\t");
            NetPod from = pods.get(cellsOfRow[0]);
            assertThat(from).as("pod " + cellsOfRow[0]).isNotNull();
            for (int i = 1; i < cellsOfRow.length; i++) {
                if (cellsOfRow[i].equals("-")) {
                    continue;
                }
                NetPod to = pods.get(header[i]);
                assertThat(to).as("pod " + header[i]).isNotNull();
                boolean expected = cellsOfRow[i].equals("1");
                boolean actual = reachability.between(reachability.classOf(from), reachability.classOf(to))
                        .allows(Protocol.valueOf(protocol), port);
                cells++;
                if (expected != actual) {
                    mismatches.add(cellsOfRow[0] + " -> " + header[i] + " expected " + expected);
                }
            }
        }
        assertThat(cells).isPositive();
        assertThat(mismatches).as(testCase + " step " + step + " " + protocol + "/" + port).isEmpty();
    }
}
