package dev.palisade.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.vuln.osv.OsvParser;
import dev.palisade.vuln.osv.OsvRecord;
import dev.palisade.vuln.osv.OsvRecord.Affected;
import dev.palisade.vuln.version.VersionScheme;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OSV range evaluation on hand-written affected entries. */
class AffectedVersionsTest {

    final AffectedVersions versions = new AffectedVersions();

    static Affected affected(String ranges, String listed) {
        String json = "{\"id\":\"T-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},"
                + "\"ranges\":[" + ranges + "],\"versions\":[" + listed + "],"
                + "\"ecosystem_specific\":{\"urgency\":\"high\"}}]}";
        OsvRecord record = OsvParser.parse("test", json.getBytes(StandardCharsets.UTF_8));
        return record.affected().get(0);
    }

    static String range(String type, String... events) {
        return "{\"type\":\"" + type + "\",\"events\":[" + String.join(",", events) + "]}";
    }

    Optional<String> fixFor(Affected affected, String version) throws AffectedVersions.BadRange {
        return versions.match(affected, VersionScheme.NPM, version).map(hit -> String.valueOf(hit.fixedVersion()));
    }

    @Test
    void introducedAndFixedStretches() throws Exception {
        Affected a = affected(range("ECOSYSTEM", "{\"introduced\":\"0\"}", "{\"fixed\":\"1.5.0\"}",
                "{\"introduced\":\"2.0.0\"}", "{\"fixed\":\"2.5.0\"}"), "");
        assertThat(fixFor(a, "1.0.0")).contains("1.5.0");
        assertThat(fixFor(a, "1.5.0")).isEmpty();
        assertThat(fixFor(a, "1.7.0")).isEmpty();
        assertThat(fixFor(a, "2.0.0")).contains("2.5.0");
        assertThat(fixFor(a, "3.0.0")).isEmpty();
    }

    @Test
    void eventsNeedNotBeInOrder() throws Exception {
        Affected a = affected(range("ECOSYSTEM", "{\"fixed\":\"2.5.0\"}", "{\"introduced\":\"2.0.0\"}"), "");
        assertThat(fixFor(a, "2.1.0")).contains("2.5.0");
        assertThat(fixFor(a, "1.9.0")).isEmpty();
    }

    @Test
    void lastAffectedIncludesItselfAndHasNoFix() throws Exception {
        Affected a = affected(range("ECOSYSTEM", "{\"introduced\":\"1.0.0\"}", "{\"last_affected\":\"1.4.0\"}"), "");
        assertThat(fixFor(a, "1.4.0")).contains("null");
        assertThat(fixFor(a, "1.4.1")).isEmpty();
    }

    @Test
    void limitEndsTheRange() throws Exception {
        Affected a = affected(range("ECOSYSTEM", "{\"introduced\":\"0\"}", "{\"limit\":\"3.0.0\"}"), "");
        assertThat(fixFor(a, "2.9.9")).contains("null");
        assertThat(fixFor(a, "3.0.0")).isEmpty();
    }

    @Test
    void listedVersionsAndSemverRanges() throws Exception {
        Affected a = affected(range("SEMVER", "{\"introduced\":\"0\"}", "{\"fixed\":\"1.0.0\"}"), "\"1.2.0\"");
        assertThat(fixFor(a, "0.9.0")).contains("1.0.0");
        assertThat(fixFor(a, "1.2.0")).contains("null");
        assertThat(fixFor(a, "1.1.0")).isEmpty();
        assertThat(a.vendorSeverity()).isEqualTo("high");
    }

    @Test
    void anEventVersionTheSchemeRejectsIsReported() {
        Affected a = affected(range("ECOSYSTEM", "{\"introduced\":\"0\"}", "{\"fixed\":\"next\"}"), "");
        assertThatThrownBy(() -> fixFor(a, "1.0.0")).isInstanceOf(AffectedVersions.BadRange.class)
                .hasMessage("invalid npm version 'next' in a ECOSYSTEM range");
    }
}
