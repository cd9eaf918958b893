package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CIS catalogue against the benchmark's own control list (../shared/reference/cis/controls_cis-1.12.tsv): every
 * control there is in the catalogue with the same Automated/Manual type, and the catalogue has no other control.
 */
class CisConformanceTest {

    /** Controls whose type differs from the benchmark's on purpose, with the reason; none so far. */
    private static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

    private static Map<String, Boolean> benchmark() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.path("reference/cis/controls_cis-1.12.tsv"),
                StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("id\ttext\tbenchmark_type");
        Map<String, Boolean> types = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            assertThat(columns[2]).as(columns[0]).isIn("automated", "manual");
            types.put(columns[0], columns[2].equals("automated"));
        }
        return types;
    }

    private static Map<String, Control> catalogue() {
        return Catalogue.bundled().require("cis-1.12").controls().stream()
                .collect(Collectors.toMap(Control::id, Function.identity()));
    }

    @Test
    void everyBenchmarkControlIsCataloguedWithTheSameType() throws IOException {
        Map<String, Boolean> benchmark = benchmark();
        Map<String, Control> catalogue = catalogue();

        assertThat(benchmark).hasSize(131);
        assertThat(catalogue.keySet()).containsExactlyInAnyOrderElementsOf(benchmark.keySet());
        Map<String, String> differences = new LinkedHashMap<>();
        benchmark.forEach((id, automated) -> {
            if (catalogue.get(id).automated() != automated) {
                differences.put(id, "benchmark " + (automated ? "automated" : "manual"));
            }
        });
        assertThat(differences.keySet()).as("type differences (known: %s)", KNOWN_DIFFERENCES)
                .isEqualTo(KNOWN_DIFFERENCES.keySet());
    }

    @Test
    void everyAutomatedControlIsJudgedByPalisade() {
        List<String> manual = catalogue().values().stream()
                .filter(c -> c.automated() && c.evaluation() instanceof Evaluation.Manual).map(Control::id).toList();

        assertThat(manual).as("automated controls left to a person").isEmpty();
        assertThat(catalogue().values().stream().filter(Control::automated)).hasSize(65);
    }

    @Test
    void titlesAreTheBenchmarksWithoutTheType() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.path("reference/cis/controls_cis-1.12.tsv"),
                StandardCharsets.UTF_8);
        Map<String, Control> catalogue = catalogue();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            assertThat(columns[1]).as(columns[0])
                    .isEqualTo(catalogue.get(columns[0]).title() + (catalogue.get(columns[0]).automated()
                            ? " (Automated)" : " (Manual)"));
        }
    }
}
