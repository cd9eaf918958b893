package dev.palisade.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palisade.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every row of the shared version vectors ({@code conformance/versions}, checked against the real tools) for
 * the ecosystems Palisade matches. A row is named by its file and 1-based line number.
 */
class VersionConformanceTest {

    /** One data row: its line number and tab-separated cells. */
    record Row(String file, int line, List<String> cells) {
        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }

        String name() {
            return file + ":" + line;
        }
    }

    static List<Row> rows(String file) {
        Path path = SharedData.path("conformance/versions/" + file);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            rows.add(new Row(file, i + 1, List.of(line.split("\t", -1))));
        }
        return rows;
    }

    /**
     * Checks every row of a comparison file and returns the rows that failed, with what was computed;
     * {@code expectedDifferences} maps row names to the sign Palisade gives instead, on purpose.
     */
    static void assertComparisons(String file, Function<Row, Integer> compare, Map<String, Integer> expectedDifferences) {
        List<Row> rows = rows(file);
        List<String> failures = new ArrayList<>();
        int differing = 0;
        for (Row row : rows) {
            int expected = Integer.parseInt(row.cell(2));
            String actual;
            try {
                actual = String.valueOf(compare.apply(row));
            } catch (RuntimeException e) {
                actual = e.toString();
            }
            Integer deliberate = expectedDifferences.get(row.name());
            String wanted = String.valueOf(deliberate != null ? deliberate : expected);
            if (deliberate != null) {
                differing++;
            }
            if (!actual.equals(wanted)) {
                failures.add(row.name() + " " + row.cell(0) + " vs " + row.cell(1) + ": expected " + wanted + ", got "
                        + actual);
            }
        }
        System.out.printf("%s: %d/%d pass%s%n", file, rows.size() - failures.size() - differing, rows.size(),
                differing == 0 ? "" : ", " + differing + " differ on purpose");
        assertThat(rows).isNotEmpty();
        assertThat(failures).as(file).isEmpty();
    }

    static void assertComparisons(String file, VersionScheme scheme) {
        assertComparisons(file, row -> scheme.compare(row.cell(0), row.cell(1)), Map.of());
    }

    @Test
    void dpkg() {
        assertComparisons("debian.osv-scalibr.tsv", VersionScheme.DPKG);
        assertComparisons("debian-generated.osv-scalibr.tsv", VersionScheme.DPKG);
        assertComparisons("debian.go-deb-version.tsv", VersionScheme.DPKG);
    }

    /**
     * apk: every row passes. Rows where a version is not valid for apk-tools (apk-tools 3 rejects them; the
     * expected sign is osv-scalibr's rule for unparsable versions, which Palisade follows, see
     * docs/vulnerabilities.md) are counted so a change to that rule is noticed: alpine.osv-scalibr.tsv lines 6,
     * 7, 13-28, 30-37, 45-52, 54, 55 ({@code 1-r-0}, {@code 0..8}, {@code 1.2_blah}, {@code 1.2.0A}, ...)
     * and 58 rows of alpine-generated.osv-scalibr.tsv (real versions such as {@code 6.6.2p1-r0}).
     */
    @Test
    void apk() {
        assertComparisons("alpine.osv-scalibr.tsv", VersionScheme.APK);
        assertComparisons("alpine-generated.osv-scalibr.tsv", VersionScheme.APK);
        assertThat(rowsWithInvalidApkVersions("alpine.osv-scalibr.tsv")).hasSize(36).startsWith(6, 7, 13)
                .endsWith(52, 54, 55);
        assertThat(rowsWithInvalidApkVersions("alpine-generated.osv-scalibr.tsv")).hasSize(58);
    }

    static List<Integer> rowsWithInvalidApkVersions(String file) {
        return rows(file).stream().filter(row -> !ApkVersion.parse(row.cell(0)).valid()
                || !ApkVersion.parse(row.cell(1)).valid()).map(Row::line).toList();
    }

    @Test
    void rpm() {
        assertComparisons("redhat.osv-scalibr.tsv", VersionScheme.RPM);
    }

    /**
     * Palisade follows maven-artifact 3.8.6 (docs/vulnerabilities.md). One row differs on purpose:
     * <ul>
     *   <li>{@code maven.osv-scalibr.tsv:87} {@code 1-1} vs {@code 1-ga-1}: the file says 0, but maven-artifact
     *   3.8.6 and 3.9.6 both say 1 ({@code 1-ga-1} parses to {@code [1, [[1]]]}, {@code 1-1} to {@code [1, [1]]}).
     *   The row comes from osv-scalibr's spec-based tokeniser, which drops {@code ga} entirely.</li>
     * </ul>
     */
    @Test
    void maven() {
        assertComparisons("maven-generated.osv-scalibr.tsv", VersionScheme.MAVEN);
        assertComparisons("maven.osv-scalibr.tsv", row -> VersionScheme.MAVEN.compare(row.cell(0), row.cell(1)),
                Map.of("maven.osv-scalibr.tsv:87", 1));
    }

    /**
     * The rows where maven-artifact 3.9.6 disagrees with 3.8.6: Palisade gives 3.8.6's answer (the file's
     * {@code expected} column), not 3.9.6's, on every one of them.
     */
    @Test
    void mavenRowsWhere396Differs() {
        List<Row> rows = rows("maven.disagreements-maven-artifact-3.9.6.tsv");
        for (Row row : rows) {
            int palisade = VersionScheme.MAVEN.compare(row.cell(1), row.cell(2));
            if (row.cell(1).equals("1-1") && row.cell(2).equals("1-ga-1")) {
                assertThat(palisade).as(row.name()).isEqualTo(Integer.parseInt(row.cell(4)));
            } else {
                assertThat(palisade).as(row.name() + " " + row.cells())
                        .isEqualTo(Integer.parseInt(row.cell(3)))
                        .isNotEqualTo(Integer.parseInt(row.cell(4)));
            }
        }
        assertThat(rows).hasSize(19);
    }

    @Test
    void npmComparisons() {
        assertComparisons("npm.node-semver.comparisons.tsv", row -> {
            boolean loose = row.cell(3).equals("loose");
            return NpmVersion.parse(row.cell(0), loose).compareTo(NpmVersion.parse(row.cell(1), loose));
        }, Map.of());
    }

    @Test
    void npmRanges() {
        List<String> failures = new ArrayList<>();
        List<Row> rows = rows("npm.node-semver.ranges.tsv");
        for (Row row : rows) {
            String range = row.cell(0).replace("\\t", "\t");
            String options = row.cell(3);
            String actual;
            try {
                actual = String.valueOf(NpmRange.parse(range, options.contains("loose"),
                        options.contains("includePrerelease")).satisfiedBy(row.cell(1)));
            } catch (RuntimeException e) {
                actual = e.toString();
            }
            if (!actual.equals(row.cell(2))) {
                failures.add(row.name() + " " + range + " / " + row.cell(1) + " " + options + ": expected "
                        + row.cell(2) + ", got " + actual);
            }
        }
        System.out.printf("npm.node-semver.ranges.tsv: %d/%d pass%n", rows.size() - failures.size(), rows.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void semver() {
        assertComparisons("semver.osv-scalibr.tsv", VersionScheme.SEMVER);
    }

    @Test
    void pypi() {
        assertComparisons("pypi.osv-scalibr.tsv", VersionScheme.PYPI);
        assertComparisons("pypi-generated.osv-scalibr.tsv", VersionScheme.PYPI);
        assertComparisons("pypi.pypa-packaging.tsv", VersionScheme.PYPI);
    }

    @Test
    void pypiNormalisation() {
        List<Row> rows = rows("pypi.pypa-packaging.normalize.tsv");
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            String actual = Pep440Version.parse(row.cell(0)).normalized();
            if (!actual.equals(row.cell(1))) {
                failures.add(row.name() + " " + row.cell(0) + ": expected " + row.cell(1) + ", got " + actual);
            }
        }
        System.out.printf("pypi.pypa-packaging.normalize.tsv: %d/%d pass%n", rows.size() - failures.size(),
                rows.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void go() {
        assertComparisons("go.golang-mod-semver.tsv", VersionScheme.GO);
        List<Row> rows = rows("go.golang-mod-semver.canonical.tsv");
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            String actual;
            try {
                actual = GoVersion.parse(row.cell(0)).canonical();
            } catch (InvalidVersionException e) {
                actual = "";
            }
            if (!actual.equals(row.cell(1))) {
                failures.add(row.name() + " " + row.cell(0) + ": expected '" + row.cell(1) + "', got '" + actual + "'");
            }
        }
        System.out.printf("go.golang-mod-semver.canonical.tsv: %d/%d pass%n", rows.size() - failures.size(),
                rows.size());
        assertThat(failures).isEmpty();
    }
}
