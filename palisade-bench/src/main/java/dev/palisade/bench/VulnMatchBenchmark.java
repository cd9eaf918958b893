package dev.palisade.bench;

import dev.palisade.image.catalog.ImageCatalogue;
import dev.palisade.image.catalog.ImagePackage;
import dev.palisade.image.catalog.OsRelease;
import dev.palisade.image.catalog.PackageType;
import dev.palisade.vuln.VulnerabilityMatcher;
import dev.palisade.vuln.db.VulnerabilityDatabase;
import dev.palisade.vuln.db.VulnerabilityStore;
import dev.palisade.vuln.osv.OsvRecord;
import dev.palisade.vuln.osv.OsvRecord.Affected;
import dev.palisade.vuln.osv.OsvRecord.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * Vulnerability matching: a store of every shared OSV record (1,334, from {@code ../shared/vulndata/osv}), opened,
 * and a Debian 11 image catalogue of 1,000 packages matched against it: every package the records name in
 * Debian 11, Maven, npm, PyPI and Go once, at a version drawn (seeded) from its records' range events, so some
 * are vulnerable and some fixed; the rest are packages no advisory names, as most packages of real images are.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class VulnMatchBenchmark {

    static final int PACKAGES = 1_000;
    private static final String UNADVISED = "unadvised-package-";
    private static final Map<String, PackageType> TYPES = Map.of("Debian:11", PackageType.DEB,
            "Maven", PackageType.MAVEN, "npm", PackageType.NPM, "PyPI", PackageType.PYPI, "Go", PackageType.GO);

    private Path directory;
    private VulnerabilityStore store;
    private ImageCatalogue catalogue;

    @Setup(Level.Trial)
    public void build() throws IOException {
        directory = Files.createTempDirectory("palisade-vuln-bench");
        VulnerabilityDatabase database = new VulnerabilityDatabase(directory, Clock.systemUTC());
        database.importFrom(List.of(sharedOsvRecords()));
        store = database.open();
        catalogue = catalogue(store.records(), new Random(20_261_126L));
        VulnerabilityMatcher.Result result = VulnerabilityMatcher.match(catalogue, store);
        if (result.vulnerabilities().isEmpty() || !result.problems().isEmpty()) {
            throw new IllegalStateException("benchmark catalogue should match cleanly: "
                    + result.vulnerabilities().size() + " matches, problems " + result.problems());
        }
        System.out.printf("%n%d packages (%d named by advisories), %d vulnerabilities, %d fixable%n",
                catalogue.packages().size(), catalogue.packages().stream()
                        .filter(p -> !p.name().startsWith(UNADVISED)).count(),
                result.vulnerabilities().size(), result.vulnerabilities().stream().filter(v -> v.fixable()).count());
    }

    @TearDown(Level.Trial)
    public void delete() {
        ClusterGenerator.delete(directory);
    }

    /** Opening the store: header and package index; records stay on disk until looked up. */
    @Benchmark
    public VulnerabilityStore open() throws IOException {
        return VulnerabilityStore.openIn(directory);
    }

    /** Matching 1,000 packages on an open store. */
    @Benchmark
    public VulnerabilityMatcher.Result match() {
        return VulnerabilityMatcher.match(catalogue, store);
    }

    /** Opening and matching, as a one-image scan does. */
    @Benchmark
    public VulnerabilityMatcher.Result openAndMatch() throws IOException {
        return VulnerabilityMatcher.match(catalogue, VulnerabilityStore.openIn(directory));
    }

    static ImageCatalogue catalogue(List<OsvRecord> records, Random random) {
        Map<String, List<Affected>> byPackage = new TreeMap<>();
        for (OsvRecord record : records) {
            record.affected().stream().filter(a -> TYPES.containsKey(a.ecosystem()) && !a.ranges().isEmpty())
                    .forEach(a -> byPackage.computeIfAbsent(a.ecosystem() + " " + a.name(), k -> new ArrayList<>())
                            .add(a));
        }
        List<ImagePackage> packages = new ArrayList<>();
        for (List<Affected> entries : byPackage.values()) {
            Affected affected = entries.get(random.nextInt(entries.size()));
            List<Event> events = affected.ranges().get(0).events().stream()
                    .filter(e -> !e.version().equals("0")).toList();
            String version = events.isEmpty() ? "1.0.0" : events.get(random.nextInt(events.size())).version();
            PackageType type = TYPES.get(affected.ecosystem());
            packages.add(pkg(type, affected.name(), type == PackageType.GO ? "v" + version : version));
        }
        for (int i = 0; packages.size() < PACKAGES; i++) {
            packages.add(pkg(i % 2 == 0 ? PackageType.DEB : PackageType.NPM, UNADVISED + i, "1.2." + i));
        }
        return new ImageCatalogue("bench", null, "linux/amd64", new OsRelease("debian", "11", "bullseye", null),
                packages, null, Instant.EPOCH);
    }

    private static ImagePackage pkg(PackageType type, String name, String version) {
        return new ImagePackage(type, name, version, null, null, null, null, null, List.of(), "/generated", null);
    }

    /** {@code shared/vulndata/osv} beside the checkout (the benchmark runs in palisade-bench/). */
    static Path sharedOsvRecords() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("vulndata/osv");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/vulndata/osv not found beside the checkout");
    }
}
