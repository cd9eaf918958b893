package dev.palisade.bench;

import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.catalog.OsRelease;
import dev.palisade.image.catalog.PackageType;
import dev.palisade.vuln.VulnerabilityMatcher;
import dev.palisade.vuln.db.StoreInfo;
import dev.palisade.vuln.db.VulnerabilityStore;
import dev.palisade.vuln.osv.OsvRecord;
import dev.palisade.vuln.osv.OsvRecord.Affected;
import dev.palisade.vuln.osv.OsvRecord.Event;
import dev.palisade.vuln.osv.OsvRecord.EventKind;
import dev.palisade.vuln.osv.OsvRecord.Range;
import dev.palisade.vuln.osv.OsvRecord.RangeType;
import dev.palisade.vuln.osv.OsvRecord.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vulnerability database at osv.dev's scale: 200,000 synthetic OSV records (seeded, so every run stores the
 * same file) over Debian 10–12, Alpine v3.16–v3.19, Maven, npm, PyPI and Go, written once as a store; then opening
 * it, and matching a Debian 12 image of 400 dpkg packages and 300 Maven jars against it.
 *
 * <p>The mix follows osv.dev's exports in shape: distribution advisories (DSA/DLA ids with upstream CVEs, one
 * {@code [introduced 0, fixed)} range per release), Alpine secdb records, and GHSA records with a CVE alias, a
 * CVSS v3 vector, a database rating and one to three {@code [introduced, fixed)} ranges; Go records use SEMVER
 * ranges. Packages have several advisories each (Debian about 5 per source package and release, Maven about 3).
 * Half the image's dpkg packages and a third of its jars are packages with advisories, at versions drawn from
 * the same space, so some are affected and some fixed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class VulnStoreScaleBenchmark {

    static final int RECORDS = 200_000;
    static final int DPKG = 400;
    static final int JARS = 300;
    private static final long SEED = 20_261_127L;
    private static final String[] SEVERITIES = {"LOW", "MODERATE", "HIGH", "CRITICAL"};
    private static final String[] CVSS = {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"};

    /** Package pools per ecosystem: names are {@code prefix + number}. */
    private static final int DEBIAN_PACKAGES = 4_000;
    private static final int ALPINE_PACKAGES = 3_000;
    private static final int MAVEN_PACKAGES = 15_000;
    private static final int NPM_PACKAGES = 25_000;
    private static final int PYPI_PACKAGES = 8_000;
    private static final int GO_PACKAGES = 4_000;

    private Path directory;
    private VulnerabilityStore store;
    private ImageCatalogue catalogue;

    @Setup(Level.Trial)
    public void build() throws IOException {
        directory = Files.createTempDirectory("palisade-vuln-scale-bench");
        long start = System.nanoTime();
        List<OsvRecord> records = records(new Random(SEED));
        long generated = System.nanoTime();
        StoreInfo info = VulnerabilityStore.write(directory, records, List.of(), Instant.parse("2026-11-27T00:00:00Z"));
        long written = System.nanoTime();
        store = VulnerabilityStore.openIn(directory);
        catalogue = catalogue(new Random(SEED + 1));
        VulnerabilityMatcher.Result result = VulnerabilityMatcher.match(catalogue, store);
        if (result.vulnerabilities().isEmpty() || !result.problems().isEmpty()) {
            throw new IllegalStateException("benchmark catalogue should match cleanly: "
                    + result.vulnerabilities().size() + " matches, problems " + result.problems());
        }
        System.out.printf("%n%d records (%s), store %d MB, generated in %d ms, written in %d ms;"
                        + " %d packages, %d vulnerabilities (%d fixable)%n", records.size(), info.identity(),
                Files.size(VulnerabilityStore.fileIn(directory)) >> 20, (generated - start) / 1_000_000,
                (written - generated) / 1_000_000, catalogue.packages().size(), result.vulnerabilities().size(),
                result.vulnerabilities().stream().filter(v -> v.fixable()).count());
    }

    @TearDown(Level.Trial)
    public void delete() {
        ClusterGenerator.delete(directory);
    }

    /** Opening the store, warm: map the file, read the header and the package index. */
    @Benchmark
    public VulnerabilityStore open() throws IOException {
        return VulnerabilityStore.openIn(directory);
    }

    /** The first opens in a fresh JVM (the file is in the page cache: it was just written). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 5)
    public VulnerabilityStore openFirst() throws IOException {
        return VulnerabilityStore.openIn(directory);
    }

    /** Matching 400 dpkg packages and 300 jars on an open store, warm. */
    @Benchmark
    public VulnerabilityMatcher.Result match() {
        return VulnerabilityMatcher.match(catalogue, store);
    }

    // --- records ---

    static List<OsvRecord> records(Random random) {
        List<OsvRecord> records = new ArrayList<>(RECORDS);
        int cve = 10_000;
        for (int i = 0; i < RECORDS; i++) {
            int kind = i % 100;
            String cveId = "CVE-" + (2014 + i % 12) + "-" + (cve++);
            if (kind < 30) {
                records.add(debian(random, i, cveId));
            } else if (kind < 40) {
                records.add(alpine(random, i, cveId));
            } else if (kind < 60) {
                records.add(ghsa(random, i, cveId, "Maven", maven(random.nextInt(MAVEN_PACKAGES)),
                        RangeType.ECOSYSTEM));
            } else if (kind < 80) {
                records.add(ghsa(random, i, cveId, "npm", "npm-package-" + random.nextInt(NPM_PACKAGES),
                        RangeType.ECOSYSTEM));
            } else if (kind < 92) {
                records.add(ghsa(random, i, cveId, "PyPI", "pypi-package-" + random.nextInt(PYPI_PACKAGES),
                        RangeType.ECOSYSTEM));
            } else {
                records.add(ghsa(random, i, cveId, "Go", "example.com/module" + random.nextInt(GO_PACKAGES),
                        RangeType.SEMVER));
            }
        }
        return records;
    }

    /** A DSA or DLA for one source package of one release: upstream CVEs, {@code [0, fixed)}. */
    private static OsvRecord debian(Random random, int i, String cveId) {
        int release = 10 + random.nextInt(3);
        String fixed = debianVersion(random, release);
        List<String> upstream = random.nextInt(4) == 0 ? List.of(cveId, "CVE-2023-" + (900_000 + i)) : List.of(cveId);
        Affected affected = new Affected("Debian:" + release, "debsrc" + random.nextInt(DEBIAN_PACKAGES), null,
                List.of(new Range(RangeType.ECOSYSTEM, List.of(new Event(EventKind.INTRODUCED, "0"),
                        new Event(EventKind.FIXED, fixed)))), List.of(), List.of(), null);
        return new OsvRecord((i % 2 == 0 ? "DSA-" : "DLA-") + (1000 + i) + "-1", List.of(), upstream,
                "debsrc - security update", Instant.parse("2022-01-01T00:00:00Z").plusSeconds(i * 60L), null, null,
                List.of(), null, List.of(affected));
    }

    private static String maven(int n) {
        return "org.example" + (n % 500) + ":artifact-" + n;
    }

    private static String debianVersion(Random random, int release) {
        return "1." + random.nextInt(6) + "." + random.nextInt(10) + "-" + (1 + random.nextInt(3)) + "+deb" + release
                + "u" + (1 + random.nextInt(6));
    }

    private static OsvRecord alpine(Random random, int i, String cveId) {
        String branch = "v3." + (16 + random.nextInt(4));
        Affected affected = new Affected("Alpine:" + branch, "apkpkg" + random.nextInt(ALPINE_PACKAGES), null,
                List.of(new Range(RangeType.ECOSYSTEM, List.of(new Event(EventKind.INTRODUCED, "0"),
                        new Event(EventKind.FIXED, "1." + random.nextInt(6) + "." + random.nextInt(10) + "-r"
                                + random.nextInt(5))))), List.of(), List.of(), null);
        return new OsvRecord("ALPINE-" + cveId, List.of(), List.of(cveId), "", null, null, null, List.of(), null,
                List.of(affected));
    }

    /** A GHSA record: CVE alias, CVSS v3, rating, one to three {@code [introduced, fixed)} ranges. */
    private static OsvRecord ghsa(Random random, int i, String cveId, String ecosystem, String name, RangeType type) {
        List<Range> ranges = new ArrayList<>();
        int major = random.nextInt(3);
        for (int r = 0, n = 1 + random.nextInt(3); r < n; r++, major++) {
            int minor = random.nextInt(8);
            String introduced = r == 0 && random.nextBoolean() ? "0" : major + "." + minor + ".0";
            String fixed = major + "." + (minor + 1 + random.nextInt(3)) + "." + random.nextInt(5);
            ranges.add(new Range(type, List.of(new Event(EventKind.INTRODUCED, introduced),
                    new Event(EventKind.FIXED, fixed))));
        }
        int rating = random.nextInt(4);
        Affected affected = new Affected(ecosystem, name, null, ranges, List.of(), List.of(), null);
        return new OsvRecord(String.format("GHSA-%04x-%04x-%04x", i & 0xffff, (i >> 4) & 0xffff, cveId.hashCode() & 0xffff),
                List.of(cveId), List.of(), "synthetic advisory", Instant.parse("2021-06-01T00:00:00Z").plusSeconds(i * 60L),
                null, null, List.of(new Score("CVSS_V3", CVSS[rating])), SEVERITIES[rating], List.of(affected));
    }

    // --- the image ---

    /** 400 dpkg packages (half with advisories) and 300 Maven packages (a third with advisories), Debian 12. */
    static ImageCatalogue catalogue(Random random) {
        List<ImagePackage> packages = new ArrayList<>();
        for (int i = 0; i < DPKG; i++) {
            String source = i % 2 == 0 ? "debsrc" + random.nextInt(DEBIAN_PACKAGES) : "unadvised-deb-" + i;
            packages.add(new ImagePackage(PackageType.DEB, source + "-bin" + i, debianVersion(random, 12), null, source,
                    null, "amd64", null, List.of(), "/var/lib/dpkg/status", null));
        }
        for (int i = 0; i < JARS; i++) {
            String name = i % 3 == 0 ? maven(random.nextInt(MAVEN_PACKAGES))
                    : "org.unadvised:artifact-" + i;
            packages.add(new ImagePackage(PackageType.MAVEN, name, random.nextInt(4) + "." + random.nextInt(10) + "."
                    + random.nextInt(5), null, null, null, null, null, List.of(), "/app/lib/" + i + ".jar", null));
        }
        return new ImageCatalogue("bench", null, "linux/amd64", new OsRelease("debian", "12", "bookworm", null),
                packages, null, Instant.EPOCH);
    }
}
