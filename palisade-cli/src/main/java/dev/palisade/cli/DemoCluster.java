package dev.palisade.cli;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.source.Loaded;
import dev.palisade.source.ManifestSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The demo cluster: manifests under {@code demo/} in the jar, listed in load order by {@code demo/index.txt}. */
final class DemoCluster {

    private DemoCluster() {
    }

    static Snapshot load() {
        ManifestSource manifests = new ManifestSource();
        List<RawDocument> documents = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (String file : resource("index.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Loaded loaded = manifests.parse("demo/" + file, resource(file));
            documents.addAll(loaded.documents());
            problems.addAll(loaded.problems());
        }
        return InventoryBuilder.build(new SnapshotInfo(List.of("bundled demo cluster"), "demo", Instant.now()),
                documents, problems);
    }

    /** The demo's runtime observations: processes and Falco alerts seen on the shop's nodes. */
    static dev.palisade.scan.ScanConfig runtime(dev.palisade.scan.ScanConfig config, java.io.PrintWriter err) {
        return RuntimeOptions.with(config,
                dev.palisade.runtime.RuntimeFiles.processes("demo/runtime/processes.jsonl",
                        resource("runtime/processes.jsonl").lines().toList()),
                dev.palisade.runtime.RuntimeFiles.alerts("demo/runtime/falco-alerts.jsonl",
                        resource("runtime/falco-alerts.jsonl").lines().toList()), err);
    }

    private static String resource(String name) {
        try (InputStream in = DemoCluster.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("demo resource missing from the jar: demo/" + name));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
