package dev.palisade.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palisade.SharedData;
import dev.palisade.vuln.db.OsvArchive;
import java.io.IOException;
import dev.palisade.vuln.osv.OsvRecord;
import org.junit.jupiter.api.Test;

class Cvss3Test {

    /** Scores as NVD's calculator gives them. */
    @Test
    void baseScores() {
        assertThat(Cvss3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").score()).isEqualTo(10.0);
        assertThat(Cvss3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").score()).isEqualTo(9.8);
        assertThat(Cvss3.parse("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N").score()).isEqualTo(5.9);
        assertThat(Cvss3.parse("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N").score()).isEqualTo(5.5);
        assertThat(Cvss3.parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N").score()).isEqualTo(6.1);
        assertThat(Cvss3.parse("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L").score()).isEqualTo(1.6);
        assertThat(Cvss3.parse("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N").score()).isEqualTo(6.4);
        assertThat(Cvss3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N").score()).isZero();
        assertThat(Cvss3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H/E:P").severity())
                .isEqualTo(VulnSeverity.HIGH);
    }

    @Test
    void roundUpAvoidsFloatingPointNoise() {
        assertThat(Cvss3.roundUp(4.000000000001)).isEqualTo(4.0);
        assertThat(Cvss3.roundUp(4.02)).isEqualTo(4.1);
    }

    @Test
    void malformedVectorsNameTheProblem() {
        assertThatThrownBy(() -> Cvss3.parse("CVSS:2.0/AV:N")).hasMessageContaining("not a CVSS v3 vector");
        assertThatThrownBy(() -> Cvss3.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H"))
                .hasMessageContaining("lacks base metric A");
        assertThatThrownBy(() -> Cvss3.parse("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .hasMessageContaining("invalid value for AV");
    }

    @Test
    void everySharedV3VectorScores() throws IOException {
        int vectors = 0;
        for (OsvRecord record : OsvArchive.read(SharedData.path("vulndata/osv")).records()) {
            for (OsvRecord.Score score : record.severity()) {
                if (score.type().equals("CVSS_V3")) {
                    assertThat(Cvss3.parse(score.score()).score()).as(record.id()).isBetween(0.0, 10.0);
                    vectors++;
                }
            }
        }
        assertThat(vectors).isGreaterThan(300);
    }
}
