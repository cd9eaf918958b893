package dev.palisade;

import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.source.Loaded;
import dev.palisade.source.ManifestSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Builds snapshots from test resources and inline YAML. */
public final class TestSupport {

    public static final Instant FIXED_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private TestSupport() {
    }

    /** The text of a test resource, e.g. {@code manifests/kinds/workloads.yaml}. */
    public static String resource(String path) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A snapshot of manifest text, as if read from a file named {@code origin}. */
    public static Snapshot snapshot(String origin, String yaml) {
        Loaded loaded = new ManifestSource().parse(origin, yaml);
        return InventoryBuilder.build(new SnapshotInfo(List.of(origin), "", FIXED_TIME), loaded.documents(),
                loaded.problems());
    }

    /**
     * Runs a full scan (policies first) and returns the answers of one analysis, as it sees the findings, with
     * the findings of the given policies.
     */
    public static dev.palisade.scan.Analysis.Result analyze(dev.palisade.scan.Analysis analysis, Snapshot snapshot,
                                                          dev.palisade.scan.ScanConfig config, String... policies) {
        dev.palisade.scan.ScanReport report = dev.palisade.scan.Scanner.scan(snapshot, config);
        java.util.Set<String> kept = java.util.Set.of(policies);
        return new dev.palisade.scan.Analysis.Result(
                report.findings().stream().filter(f -> kept.contains(f.policy())).toList(),
                analysis.analyze(snapshot, config, report.findings()).answers());
    }

    /** A snapshot of a test resource. */
    public static Snapshot snapshotOf(String path) {
        return snapshot(path, resource(path));
    }
}
