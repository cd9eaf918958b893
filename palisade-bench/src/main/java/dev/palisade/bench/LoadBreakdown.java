package dev.palisade.bench;

import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.source.InventoryLoader;
import dev.palisade.source.Loaded;
import dev.palisade.source.ManifestSource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A rough timing breakdown of one load, phase by phase, to see where the time of {@link LoadBenchmark}
 * goes. Not a benchmark: run it with the benchmark's heap ({@code java -Xms1g -Xmx1g -cp ... LoadBreakdown
 * [DIR] [ROUNDS]}); without DIR it generates the cluster into a temporary directory.
 *
 * <ul>
 *   <li>full load: {@code InventoryLoader.load}, as the benchmark measures it, without a GC before;</li>
 *   <li>compose: SnakeYAML composing every document to nodes (what {@code ManifestParser} does first),
 *       files in parallel like {@code ManifestSource};</li>
 *   <li>read+parse: {@code ManifestSource.load}, i.e. reading, decoding, splitting, composing and
 *       converting nodes to Jackson trees;</li>
 *   <li>convert: fabric8 {@code convertValue} of every tree to its model class, in parallel like
 *       {@code InventoryBuilder};</li>
 *   <li>build: {@code InventoryBuilder.build} (redaction, conversion, duplicate check, workload
 *       resolution, snapshot indexes); build minus convert approximates workload resolution and
 *       snapshot construction.</li>
 * </ul>
 */
public final class LoadBreakdown {

    private LoadBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        Path directory;
        boolean generated = args.length == 0;
        if (generated) {
            directory = Files.createTempDirectory("palisade-breakdown-");
            System.out.print(ClusterGenerator.generate(directory).describe());
        } else {
            directory = Path.of(args[0]);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "heap max %d MB, %d processors%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
        try {
            for (int round = 1; round <= rounds; round++) {
                round(directory, round);
            }
        } finally {
            if (generated) {
                ClusterGenerator.delete(directory);
            }
        }
    }

    private static void round(Path directory, int round) throws IOException {
        Phase load = Phase.start();
        String loadOutcome;
        try {
            Snapshot loadedSnapshot = new InventoryLoader().load(InventoryLoader.Request.ofPaths(List.of(
                    directory.toString())));
            loadOutcome = loadedSnapshot.objects().size() + " objects, " + loadedSnapshot.workloads().size()
                    + " workloads, " + loadedSnapshot.problems().size() + " problems";
        } catch (RuntimeException e) {
            loadOutcome = "FAILED: " + e;
        }
        load.stop();
        System.out.printf(Locale.ROOT, "round %d: full InventoryLoader.load %s -> %s%n", round, load, loadOutcome);

        System.gc();
        Phase compose = Phase.start();
        int composed = composeOnly(directory);
        compose.stop();

        System.gc();
        Phase parse = Phase.start();
        Loaded loaded = new ManifestSource().load(List.of(directory.toString()), InputStream.nullInputStream());
        parse.stop();

        long documentsHeap = liveHeapMegabytes();

        Phase convert = Phase.start();
        List<String> failures = loaded.documents().parallelStream().map(LoadBreakdown::convert)
                .filter(failure -> failure != null).toList();
        convert.stop();
        long typed = loaded.documents().size() - failures.size();

        System.gc();
        Phase build = Phase.start();
        String outcome;
        Snapshot snapshot = null;
        try {
            snapshot = InventoryBuilder.build(new SnapshotInfo(List.of(directory.toString()), "",
                    Instant.now()), loaded.documents(), loaded.problems());
            outcome = snapshot.objects().size() + " objects, " + snapshot.workloads().size() + " workloads, "
                    + snapshot.problems().size() + " problems";
        } catch (RuntimeException e) {
            outcome = "FAILED: " + e;
        }
        build.stop();
        long bothHeap = liveHeapMegabytes();
        int documents = loaded.documents().size();
        loaded = null;
        long snapshotHeap = liveHeapMegabytes();
        java.lang.ref.Reference.reachabilityFence(snapshot);

        System.out.printf(Locale.ROOT, "round %d: phases: compose %s (%d docs) | read+parse %s (%d docs) | convert %s"
                        + " (%d typed, %d failed) | build %s -> %s | build-convert %d ms%n",
                round, compose, composed, parse, documents, convert, typed, failures.size(), build,
                outcome, build.millis - convert.millis);
        System.out.printf(Locale.ROOT, "  live heap after GC: documents %d MB, documents + snapshot %d MB,"
                + " snapshot %d MB%n", documentsHeap, bothHeap, snapshotHeap);
        if (!failures.isEmpty()) {
            System.out.println("  first conversion failure: " + failures.get(0));
        }
    }

    /** Heap in use after a full collection, in MB. */
    private static long liveHeapMegabytes() {
        System.gc();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    /** Converts one document the way InventoryBuilder does; the failure message, or null. */
    private static String convert(RawDocument document) {
        try {
            InventoryBuilder.SERIALIZATION.convertValue(document.body(), KubernetesResource.class);
            return null;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            return document.source() + ": " + (newline < 0 ? message : message.substring(0, newline));
        }
    }

    /** SnakeYAML composition alone, with the settings of ManifestParser, files in parallel. */
    private static int composeOnly(Path directory) throws IOException {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50).setCodePointLimit(Integer.MAX_VALUE)
                .setAllowRecursiveKeys(false).build();
        List<Path> files;
        try (var list = Files.list(directory)) {
            files = list.sorted().toList();
        }
        return files.parallelStream().mapToInt(file -> {
            try {
                int count = 0;
                for (String document : split(Files.readString(file, StandardCharsets.UTF_8))) {
                    if (new Compose(settings).composeString(document).isPresent()) {
                        count++;
                    }
                }
                return count;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sum();
    }

    private static List<String> split(String text) {
        List<String> documents = new ArrayList<>();
        for (String document : text.split("(?m)^---$")) {
            documents.add(document);
        }
        return documents;
    }

    /** Wall time and GC time of one phase. */
    private static final class Phase {
        private final long start = System.nanoTime();
        private final long gcStart = ProcessStats.gcMillis();
        private final long cpuStart = ProcessStats.cpuNanos();
        long millis;
        long gc;
        long cpu;

        static Phase start() {
            return new Phase();
        }

        void stop() {
            millis = (System.nanoTime() - start) / 1_000_000;
            gc = ProcessStats.gcMillis() - gcStart;
            cpu = (ProcessStats.cpuNanos() - cpuStart) / 1_000_000;
        }

        @Override
        public String toString() {
            return millis + " ms (cpu " + cpu + " ms, gc " + gc + " ms)";
        }

    }
}
