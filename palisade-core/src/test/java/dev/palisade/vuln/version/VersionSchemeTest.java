package dev.palisade.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSchemeTest {

    @Test
    void dpkgRejectsWhatDpkgAndDebianPolicyReject() {
        for (String invalid : List.of("A:1.2.3", "-1:1.2.3", "2:-1ubuntu3.1", "2:A7.4.052-1ubuntu3.1",
                "2:7.4.!052-1ubuntu3.1", "7.4.052-!1ubuntu3.1", "", "1.0-", "1 .0")) {
            assertThatThrownBy(() -> VersionScheme.DPKG.parse(invalid)).as(invalid)
                    .isInstanceOf(InvalidVersionException.class)
                    .hasMessageContaining("invalid dpkg version '" + invalid + "'");
        }
        DpkgVersion version = DpkgVersion.parse("1:2.30-1+deb11u1");
        assertThat(version.epoch()).isEqualTo(1);
        assertThat(version.upstream()).isEqualTo("2.30");
        assertThat(version.revision()).isEqualTo("1+deb11u1");
    }

    @Test
    void dpkgTildeSortsBeforeTheEnd() {
        assertThat(VersionScheme.DPKG.compare("1.0~rc1", "1.0")).isEqualTo(-1);
        assertThat(VersionScheme.DPKG.compare("1.1.1n-0+deb11u3", "1.1.1n-0+deb11u4")).isEqualTo(-1);
        assertThat(VersionScheme.DPKG.compare("2:1.0", "1:9.9")).isEqualTo(1);
    }

    @Test
    void apkKeepsWhatItCannotParse() {
        ApkVersion valid = ApkVersion.parse("1.2.3_rc1-r2");
        assertThat(valid.valid()).isTrue();
        assertThat(valid.numbers()).containsExactly("1", "2", "3");
        assertThat(valid.suffixes()).containsExactly(new ApkVersion.Suffix("rc", "1"));
        assertThat(valid.buildNumber()).isEqualTo("2");
        assertThat(ApkVersion.parse("1.2_blah").valid()).isFalse();
        assertThat(VersionScheme.APK.compare("1.1.1k-r0", "1.1.1l-r0")).isEqualTo(-1);
        assertThat(VersionScheme.APK.compare("1.2.11-r3", "1.2.11-r1")).isEqualTo(1);
    }

    @Test
    void rpmEpochVersionRelease() {
        RpmVersion version = RpmVersion.parse("2:1.0.2k-25.el7_9");
        assertThat(version.epoch()).isEqualTo("2");
        assertThat(version.version()).isEqualTo("1.0.2k");
        assertThat(version.release()).isEqualTo("25.el7_9");
        assertThat(VersionScheme.RPM.compare("1.0~rc1", "1.0")).isEqualTo(-1);
        assertThat(VersionScheme.RPM.compare("1.0^git1", "1.0")).isEqualTo(1);
    }

    @Test
    void mavenQualifiers() {
        assertThat(VersionScheme.MAVEN.compare("2.15.0", "2.15.0-rc1")).isEqualTo(1);
        assertThat(VersionScheme.MAVEN.compare("5.3.18", "5.3.18.RELEASE")).isZero();
        assertThat(VersionScheme.MAVEN.compare("1.0-SNAPSHOT", "1.0")).isEqualTo(-1);
        assertThat(VersionScheme.MAVEN.compare("1.0-sp1", "1.0")).isEqualTo(1);
        assertThat(MavenVersion.parse("1.0.0-final").canonical()).isEqualTo("1");
    }

    @Test
    void npmStrictAndLoose() {
        assertThatThrownBy(() -> VersionScheme.NPM.parse("=1.2.3")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("invalid npm version '=1.2.3'");
        assertThat(NpmVersion.parse("=1.2.3", true).toString()).isEqualTo("1.2.3");
        assertThat(VersionScheme.NPM.compare("1.2.3-beta.2", "1.2.3-beta.11")).isEqualTo(-1);
        assertThatThrownBy(() -> NpmVersion.parse("9007199254740992.0.0")).hasMessageContaining("too large");
    }

    @Test
    void npmRanges() {
        assertThat(NpmRange.parse("^4.17.0 || <3").satisfiedBy("4.17.20")).isTrue();
        assertThat(NpmRange.parse("^4.17.0 || <3").satisfiedBy("5.0.0")).isFalse();
        assertThat(NpmRange.parse(">=1.0.0 <1.2.0").satisfiedBy("1.2.0-rc.1")).isFalse();
        assertThatThrownBy(() -> NpmRange.parse(">=abc")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("npm range");
    }

    /**
     * The Node.js security WG's real advisories: every vulnerable and patched range parses. (Seven advisories
     * overlap their own vulnerable and patched ranges, e.g. electron's {@code <2.0.18 || <3.0.16} with
     * {@code ^2.0.18}: data errors, not parsing ones.)
     */
    @Test
    void nodeSecurityAdvisoryRangesParse() {
        List<VersionConformanceTest.Row> rows = VersionConformanceTest.rows("npm.nodejs-security-wg.advisory-ranges.tsv");
        int ranges = 0;
        for (VersionConformanceTest.Row row : rows) {
            for (String range : List.of(row.cell(2), row.cell(3))) {
                if (!range.isBlank()) {
                    assertThat(NpmRange.parse(range)).as(row.name()).isNotNull();
                    ranges++;
                }
            }
        }
        System.out.printf("npm.nodejs-security-wg.advisory-ranges.tsv: %d ranges of %d advisories parse%n", ranges,
                rows.size());
        assertThat(rows).hasSize(467);
        NpmRange bassmaster = NpmRange.parse(rows.get(0).cell(2));
        assertThat(bassmaster.satisfiedBy("1.5.1")).isTrue();
        assertThat(bassmaster.satisfiedBy("1.5.2")).isFalse();
    }

    @Test
    void pep440() {
        assertThatThrownBy(() -> Pep440Version.parse("french toast")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("invalid PEP 440 version 'french toast'");
        for (String invalid : List.of("1.0+a+", "1.0++", "1.0+_foobar", "1.0+foo&asd", "1.0+1+1", "1. 0", "1.0 a1",
                "..", "1..0", "1.0.", ".1.0")) {
            assertThatThrownBy(() -> Pep440Version.parse(invalid)).as(invalid)
                    .isInstanceOf(InvalidVersionException.class);
        }
        assertThat(Pep440Version.parseOrLegacy("2004d").legacy()).isTrue();
        assertThat(VersionScheme.PYPI.compare("2004d", "0.1")).isEqualTo(-1);
        assertThat(VersionScheme.PYPI.compare("1.0rc1", "1.0c1")).isZero();
    }

    @Test
    void goInvalidVersionsAreReportedAndSortFirst() {
        assertThatThrownBy(() -> VersionScheme.GO.parse("1.2.3")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("invalid Go module version '1.2.3'");
        assertThat(VersionScheme.GO.compare("bad", "v0.0.0")).isEqualTo(-1);
        assertThat(VersionScheme.GO.compare("bad", "worse")).isZero();
        assertThat(GoVersion.parse("v0.0.0-20210220033148-5ea612d1eb83").prerelease())
                .isEqualTo("-20210220033148-5ea612d1eb83");
    }

    @Test
    void lenientSemver() {
        assertThat(VersionScheme.SEMVER.compare("v1.2.3", "1.2.3")).isZero();
        assertThat(VersionScheme.SEMVER.compare("1.2.3-rc.1", "1.2.3")).isEqualTo(-1);
        assertThatThrownBy(() -> VersionScheme.SEMVER.parse("abc")).isInstanceOf(InvalidVersionException.class);
    }
}
