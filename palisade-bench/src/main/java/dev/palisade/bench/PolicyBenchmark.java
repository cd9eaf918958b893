package dev.palisade.bench;

import dev.palisade.inventory.Snapshot;
import dev.palisade.policy.PolicyPack;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.ScanReport;
import dev.palisade.scan.Scanner;
import dev.palisade.source.InventoryLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Evaluates the full default policy pack (and the answers built on its findings) on the generated cluster of
 * 10,000 workloads / 60,000 objects, after loading: one invocation is one {@link Scanner#scan}. The snapshot is
 * loaded once per trial, outside the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PolicyBenchmark {

    private Path directory;
    private Snapshot snapshot;
    private ScanConfig config;

    @Setup(Level.Trial)
    public void load() throws IOException {
        directory = Files.createTempDirectory("palisade-bench-");
        Path generated = directory;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ClusterGenerator.delete(generated)));
        ClusterGenerator.generate(directory);
        snapshot = new InventoryLoader().load(InventoryLoader.Request.ofPaths(List.of(directory.toString())));
        int expected = ClusterGenerator.NAMESPACES * ClusterGenerator.WORKLOADS_PER_NAMESPACE;
        if (snapshot.workloads().size() != expected) {
            throw new IllegalStateException("expected " + expected + " workloads, loaded "
                    + snapshot.workloads().size());
        }
        // Trusted registries make the registry policy evaluate every image too.
        config = new ScanConfig(List.of("registry.corp.example", "docker.io/library"), List.of());
        System.out.println(PolicyPack.defaults().policies().size() + " policies in the default pack");
    }

    @TearDown(Level.Trial)
    public void delete() {
        ClusterGenerator.delete(directory);
    }

    /** The policy pack alone, as the admission-time and CI gate paths run it. */
    @Benchmark
    public java.util.List<dev.palisade.scan.Finding> policies() {
        var policies = PolicyPack.load(config.policies()).enabled();
        var findings = dev.palisade.policy.PolicyEngine.evaluate(new dev.palisade.policy.PolicyContext(snapshot, config,
                java.time.LocalDate.now()), policies);
        if (findings.isEmpty()) {
            throw new IllegalStateException("the policies found nothing: a broken evaluation is not measured");
        }
        return findings;
    }

    @Benchmark
    public ScanReport scan() {
        ScanReport report = Scanner.scan(snapshot, config);
        if (report.findings().isEmpty() || report.answers().size() != 12) {
            throw new IllegalStateException("the scan found nothing or lost answers: a broken scan is not measured");
        }
        return report;
    }
}
