package dev.palisade.cli;

import dev.palisade.compliance.NodeFacts;
import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.RawDocument;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.source.Loaded;
import dev.palisade.source.ManifestSource;
import dev.palisade.source.NodeFactsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo cluster: manifests under {@code demo/} in the jar, listed in load order by {@code demo/index.txt}, and
 * the node facts of its two nodes under {@code demo/node-facts/}.
 */
final class DemoCluster {

    static final List<String> NODE_FACTS = List.of("node-facts/cp-1.json", "node-facts/worker-1.json");

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

    /** The demo's runtime observations: processes, Falco alerts and network flows seen in the shop. */
    static dev.palisade.scan.ScanConfig runtime(Snapshot snapshot, dev.palisade.scan.ScanConfig config,
                                                java.io.PrintWriter err) {
        var flows = dev.palisade.network.ObservedFlows.parse("demo-runtime/flows.json", runtimeResource("flows.json"),
                snapshot);
        flows.problems().forEach(p -> err.println("palisade: " + p));
        return RuntimeOptions.with(config.with(dev.palisade.network.ObservedFlows.class, flows),
                dev.palisade.runtime.RuntimeFiles.processes("demo-runtime/processes.jsonl",
                        runtimeResource("processes.jsonl").lines().toList()),
                dev.palisade.runtime.RuntimeFiles.alerts("demo-runtime/falco-alerts.jsonl",
                        runtimeResource("falco-alerts.jsonl").lines().toList()), err);
    }

    static List<NodeFacts> nodeFacts() {
        return NODE_FACTS.stream().map(file -> NodeFactsFile.parse("demo/" + file, resource(file))).toList();
    }

    /**
     * The demo's image scans: SBOMs of some of its images matched against a small advisory set (written from public
     * facts) and an excerpt of CISA's Known Exploited Vulnerabilities, in a temporary data directory removed after.
     */
    static dev.palisade.scan.ScanConfig imageScans(Snapshot snapshot, dev.palisade.scan.ScanConfig config,
                                                   java.io.PrintWriter err) throws IOException {
        java.nio.file.Path home = java.nio.file.Files.createTempDirectory("palisade-demo-");
        try {
            java.nio.file.Path images = extract("demo-images", home.resolve("images-in"));
            java.nio.file.Path advisories = extract("demo-vulndata", home.resolve("advisories"));
            var data = new dev.palisade.store.DataDirectory(home.resolve("data"));
            new dev.palisade.vuln.db.VulnerabilityDatabase(data.db(), java.time.Clock.systemUTC())
                    .importFrom(List.of(advisories));
            var kev = dev.palisade.vuln.KnownExploited.parse("demo-vulndata/kev.json", read("demo-vulndata/kev.json"));
            var store = dev.palisade.vuln.db.VulnerabilityStore.openIn(data.db());
            var scans = new dev.palisade.vuln.ImageScanner(ImageOptions.catalogues(data, false, true),
                    dev.palisade.image.source.Platform.DEFAULT, images, store, false)
                    .scan(snapshot, kev.catalogue(), Instant.now());
            return config.with(dev.palisade.vuln.ImageScans.class, scans);
        } finally {
            try (var files = java.nio.file.Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Copies the files an {@code index.txt} of a resource folder lists into a directory. */
    private static java.nio.file.Path extract(String folder, java.nio.file.Path target) throws IOException {
        java.nio.file.Files.createDirectories(target);
        for (String file : read(folder + "/index.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            java.nio.file.Files.writeString(target.resolve(file), read(folder + "/" + file));
        }
        return target;
    }

    private static String resource(String name) {
        return read("demo/" + name);
    }

    /** Runtime observations live beside the manifests, not among them: scanning demo/ reads manifests only. */
    private static String runtimeResource(String name) {
        return read("demo-runtime/" + name);
    }

    private static String read(String path) {
        try (InputStream in = DemoCluster.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("demo resource missing from the jar: " + path));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
