package dev.palisade.bench;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.Snapshot;
import dev.palisade.source.InventoryLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Loads a generated cluster of 10,000 workloads / 60,000 objects from YAML through the real path
 * ({@link InventoryLoader}: manifest reading, YAML parsing, conversion to the fabric8 model, workload
 * resolution). One invocation is one full load; the fork runs with a fixed 1 GB heap, so running out of
 * memory fails the benchmark rather than going unnoticed. Every load is checked: a load that lost objects,
 * workloads or reported an ERROR throws instead of being measured.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class LoadBenchmark {

    private Path directory;
    private ClusterGenerator.Summary cluster;
    private InventoryLoader.Request request;

    private long cpuStart;
    private long wallStart;
    private long gcStart;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        directory = Files.createTempDirectory("palisade-bench-");
        Path generated = directory;
        // JMH skips the trial teardown when an iteration fails; the hook still removes the 44 MB of input.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ClusterGenerator.delete(generated)));
        cluster = ClusterGenerator.generate(directory);
        System.out.print(cluster.describe());
        System.out.println("heap: max " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " processors");
        request = InventoryLoader.Request.ofPaths(List.of(directory.toString()));
    }

    /**
     * Records process CPU and GC time, printed after the iteration: on a shared machine they tell the
     * load's own work from waiting for a core (CPU time stays put while wall time grows).
     */
    @Setup(Level.Iteration)
    public void startClock() {
        cpuStart = ProcessStats.cpuNanos();
        gcStart = ProcessStats.gcMillis();
        wallStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void stopClock() {
        long wall = (System.nanoTime() - wallStart) / 1_000_000;
        long cpu = (ProcessStats.cpuNanos() - cpuStart) / 1_000_000;
        System.out.printf(Locale.ROOT, "[wall %d ms, process cpu %d ms (%.2f cores), gc pauses %d ms] ",
                wall, cpu, wall == 0 ? 0.0 : (double) cpu / wall, ProcessStats.gcMillis() - gcStart);
    }

    @Benchmark
    public void load(Blackhole blackhole) {
        Snapshot snapshot = new InventoryLoader().load(request);
        check(snapshot);
        blackhole.consume(snapshot);
    }

    @TearDown(Level.Trial)
    public void delete() {
        if (directory != null) {
            ClusterGenerator.delete(directory);
        }
    }

    private void check(Snapshot snapshot) {
        List<InputProblem> errors = snapshot.problems().stream()
                .filter(p -> p.level() == InputProblem.Level.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " ERROR problems, first: " + errors.get(0));
        }
        if (snapshot.objects().size() != cluster.objects() || cluster.objects() != 60_000) {
            throw new IllegalStateException("loaded " + snapshot.objects().size() + " objects, generated "
                    + cluster.objects() + ", expected 60000");
        }
        if (snapshot.workloads().size() != cluster.workloads() || cluster.workloads() != 10_000) {
            throw new IllegalStateException("resolved " + snapshot.workloads().size() + " workloads, generated "
                    + cluster.workloads() + ", expected 10000");
        }
        if (!snapshot.countsByKind().equals(cluster.countsByKind())) {
            throw new IllegalStateException("loaded kinds " + snapshot.countsByKind() + " differ from generated "
                    + cluster.countsByKind());
        }
    }
}
