package dev.palisade.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.SharedData;
import dev.palisade.inventory.ObjectRef;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.report.ConnectivityFormat;
import dev.palisade.source.InventoryLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * np-guard/netpol-analyzer's expected outputs ({@code ../shared/conformance/netpol/np-guard}): the connectivity
 * list of every case in txt, json and csv, and the "not protected" lines of the exposure reports.
 *
 * <p>One deliberate difference, per the data's README: np-guard never lets an ipBlock select a pod, while
 * Kubernetes enforces policies on pod IPs (the e2e tests expect ipBlocks to match pods). These cases are
 * evaluated with {@code ipBlocksSelectPods=false}. The explain outputs ({@code explain}, {@code explain_exposure})
 * and the exposure sections with representative peers ({@code entire-cluster}, namespace and pod selectors)
 * are np-guard's own report forms and are not compared.
 */
class NpGuardConformanceTest {

    private static final Path ROOT = SharedData.path("conformance/netpol/np-guard");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> everyConnectivityList() throws IOException {
        List<String> rows = Files.readAllLines(ROOT.resolve("index.tsv"));
        List<DynamicTest> tests = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t", -1);
            String testCase = f[0];
            String kind = f[1];
            String variant = f[2];
            String format = f[3];
            Path expected = ROOT.resolve(f[5]);
            if (kind.startsWith("explain")) {
                continue; // np-guard's explanation report form, not compared (see class comment)
            }
            tests.add(DynamicTest.dynamicTest(testCase + " " + kind + " " + variant + " " + format,
                    () -> check(testCase, kind, variant, format, expected)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(90);
        return tests.stream();
    }

    private static void check(String testCase, String kind, String variant, String format, Path expectedFile)
            throws IOException {
        Snapshot snapshot = new InventoryLoader().load(InventoryLoader.Request.ofPaths(
                List.of(ROOT.resolve("cases").resolve(testCase).resolve("resources").toString())));
        Reachability reachability = Reachability.of(NetworkModel.of(snapshot, false));
        List<Flow> flows = ConnectivityMap.of(reachability);
        ObjectRef focus = null;
        if (variant.startsWith("focus_workload_")) {
            String[] parts = variant.substring("focus_workload_".length()).split("_");
            focus = reachability.model().pods().stream().map(p -> p.workload().ref())
                    .filter(r -> r.namespace().equals(parts[0]) && r.name().equals(parts[1])).findFirst().orElseThrow();
            flows = ConnectivityMap.focus(flows, focus);
        }
        String expected = Files.readString(expectedFile);
        StringWriter actual = new StringWriter();
        switch (format) {
            case "txt" -> {
                ConnectivityFormat.TXT.write(flows, actual);
                assertThat(lines(actual.toString())).isEqualTo(lines(connlistPart(expected, "Exposure Analysis Result:")));
                if (kind.equals("exposure")) {
                    assertThat(unprotected(reachability, focus)).isEqualTo(unprotectedLines(expected));
                }
            }
            case "csv" -> {
                ConnectivityFormat.CSV.write(flows, actual);
                assertThat(lines(actual.toString())).isEqualTo(lines(connlistPart(expected, "Exposure Analysis Result:,,")));
            }
            case "json" -> {
                ConnectivityFormat.JSON.write(flows, actual);
                JsonNode tree = JSON.readTree(expected);
                JsonNode list = tree.isArray() ? tree : tree.get("connlist_results");
                assertThat(JSON.readTree(actual.toString())).isEqualTo(list == null || list.isNull()
                        ? JSON.createArrayNode() : list);
            }
            default -> throw new AssertionError("unknown format " + format);
        }
    }

    private static String connlistPart(String text, String marker) {
        int at = text.startsWith(marker) ? 0 : text.indexOf("\n" + marker);
        return at < 0 ? text : text.substring(0, at);
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> unprotectedLines(String text) {
        return text.lines().filter(l -> l.endsWith(" is not protected on Ingress") || l.endsWith(" is not protected on Egress"))
                .map(String::strip).sorted().toList();
    }

    private static List<String> unprotected(Reachability reachability, ObjectRef focus) {
        List<String> lines = new ArrayList<>();
        ConnectivityMap.unprotected(reachability).forEach((direction, refs) -> refs.stream()
                .filter(r -> focus == null || r.equals(focus))
                .forEach(r -> lines.add(new Endpoint.WorkloadEndpoint(r).label() + " is not protected on "
                        + (direction == Direction.INGRESS ? "Ingress" : "Egress"))));
        return lines.stream().sorted().toList();
    }
}
