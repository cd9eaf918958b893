package dev.palisade.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static final Catalogue CATALOGUE = Catalogue.bundled();

    private static Control control(String key) {
        return CATALOGUE.control(key).orElseThrow();
    }

    @Test
    void everyBundledStandardLoads() {
        Map<String, Integer> sizes = CATALOGUE.standards().stream()
                .collect(Collectors.toMap(Standard::id, s -> s.controls().size()));

        assertThat(CATALOGUE.standards()).extracting(Standard::id).containsExactly("cis-1.12", "nsa", "pss-baseline",
                "pss-restricted", "pci-4.0", "nist-800-53", "nist-800-190", "hipaa");
        assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of("cis-1.12", 131, "nsa", 35, "pss-baseline", 12,
                "pss-restricted", 19, "pci-4.0", 24, "nist-800-53", 24, "nist-800-190", 23, "hipaa", 12));
        assertThat(CATALOGUE.standards()).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void mappedControlsAreAutomatedWhenAMappingIsJudged() {
        assertThat(control("nsa/6.1").automated()).as("maps to 1.2.27, a flag").isTrue();
        assertThat(control("nsa/6.2").automated()).as("maps to 1.2.28 only, manual").isFalse();
        assertThat(control("nist-800-190/4.1.1").automated()).isFalse();
        assertThat(control("cis-1.12/1.2.1").automated()).as("the benchmark's own type wins").isFalse();
        assertThat(CATALOGUE.judged(control("cis-1.12/1.2.1"))).as("judged all the same").isTrue();
    }

    @Test
    void everyMappingSaysWhy() {
        assertThat(CATALOGUE.standards().stream().flatMap(s -> s.controls().stream())
                .filter(c -> c.evaluation() instanceof Evaluation.Mapped)
                .flatMap(c -> ((Evaluation.Mapped) c.evaluation()).mappings().stream()))
                .hasSize(204).allSatisfy(m -> assertThat(m.why()).hasSizeGreaterThan(15).endsWith("."));
    }
}
