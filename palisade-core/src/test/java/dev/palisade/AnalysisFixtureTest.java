package dev.palisade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Finding;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fixture tests for an analysis with findings of its own (RBAC, network): under {@code <folder>/<check-id>/},
 * {@code violating.yaml} must produce exactly the findings its header announces ({@code # expect: N} and one
 * {@code # finding: Kind ns/name} line per finding) and {@code compliant.yaml} (near misses) none of that check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AnalysisFixtureTest {

    /** The fixture folder under test resources, e.g. {@code rbac-fixtures}. */
    protected abstract String folder();

    /** Every check id of the analysis. */
    protected abstract List<String> checkIds();

    /** The category every finding carries. */
    protected abstract String category();

    /** Every finding of the analysis on a snapshot. */
    protected abstract List<Finding> analyze(Snapshot snapshot);

    protected Stream<String> fixtureIds() {
        return FixtureHeader.folders(folder());
    }

    protected List<Finding> findings(String checkId, Snapshot snapshot) {
        return analyze(snapshot).stream().filter(f -> f.policy().equals(checkId)).toList();
    }

    @ParameterizedTest(name = "{0}: violating.yaml")
    @MethodSource("fixtureIds")
    void violatingFixtureProducesTheAnnouncedFindings(String checkId) {
        String path = folder() + "/" + checkId + "/violating.yaml";
        String text = TestSupport.resource(path);
        FixtureHeader expected = FixtureHeader.read(path, text);
        Snapshot snapshot = TestSupport.snapshot(path, text);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();

        List<Finding> findings = findings(checkId, snapshot);

        assertThat(findings).as("findings of %s", checkId).hasSize(expected.count());
        assertThat(findings).extracting(f -> f.resource().toString())
                .containsExactlyInAnyOrderElementsOf(expected.resources());
        String[] lines = text.split("\n", -1);
        for (Finding finding : findings) {
            assertThat(finding.title()).isNotBlank();
            assertThat(finding.categories()).containsExactly(category());
            assertThat(finding.location().origin()).isEqualTo(path);
            assertThat(finding.location().line()).as("line of %s", finding).isPositive();
            assertThat(FixtureHeader.nameAt(lines, finding.location().line()))
                    .as("the line of %s starts the object it is about", finding)
                    .isEqualTo(finding.resource().name());
            assertThat(finding.message()).isNotBlank();
            assertThat(finding.remediation()).isNotBlank();
            assertThat(finding.exempted()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}: compliant.yaml")
    @MethodSource("fixtureIds")
    void compliantFixtureProducesNoFindingOfTheCheck(String checkId) {
        String path = folder() + "/" + checkId + "/compliant.yaml";
        String text = TestSupport.resource(path);
        Snapshot snapshot = TestSupport.snapshot(path, text);
        assertThat(snapshot.problems()).as("fixture must load cleanly").isEmpty();
        assertThat(snapshot.objects()).as("near misses to test").isNotEmpty();

        assertThat(findings(checkId, snapshot)).as("findings of %s on near misses", checkId).isEmpty();
    }

    @Test
    void everyCheckHasFixturesAndEveryFixtureACheck() {
        assertThat(fixtureIds().toList()).containsExactlyInAnyOrderElementsOf(checkIds());
        assertThat(checkIds()).doesNotHaveDuplicates();
    }

    @Test
    void findingsAreDeterministicAndUnique() {
        for (String id : fixtureIds().toList()) {
            Snapshot snapshot = TestSupport.snapshotOf(folder() + "/" + id + "/violating.yaml");
            List<Finding> first = analyze(snapshot);
            assertThat(analyze(snapshot)).as(id).containsExactlyElementsOf(first);
            assertThat(first).as(id).extracting(f -> f.policy() + "|" + f.resource() + "|" + f.path() + "|" + f.message())
                    .doesNotHaveDuplicates();
        }
    }
}
