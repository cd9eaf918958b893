package dev.palisade.source;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.InventoryBuilder;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.SnapshotInfo;
import dev.palisade.inventory.SourceLocation;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point from sources to a snapshot: manifest paths (and stdin), a live cluster, or a saved
 * snapshot file. Manifests and a live cluster can be combined; a snapshot file stands alone.
 */
public final class InventoryLoader {

    /**
     * @param paths        manifest files or directories; {@code -} reads stdin
     * @param live         a live cluster to read, or null
     * @param snapshotFile a saved snapshot, or null
     * @param maxFileBytes upper bound for one manifest file
     */
    public record Request(List<String> paths, InputStream stdin, LiveClusterOptions live, Path snapshotFile,
                          long maxFileBytes) {

        public Request {
            paths = List.copyOf(paths);
        }

        public static Request ofPaths(List<String> paths) {
            return new Request(paths, InputStream.nullInputStream(), null, null, ManifestSource.DEFAULT_MAX_FILE_BYTES);
        }
    }

    private final Clock clock;

    public InventoryLoader(Clock clock) {
        this.clock = clock;
    }

    public InventoryLoader() {
        this(Clock.systemUTC());
    }

    /**
     * Loads the requested sources.
     *
     * @throws SourceException when a source cannot be read at all (unreachable cluster, not a snapshot)
     */
    public Snapshot load(Request request) {
        boolean hasPaths = !request.paths().isEmpty();
        if (request.snapshotFile() != null) {
            if (hasPaths || request.live() != null) {
                throw new SourceException("--snapshot cannot be combined with other sources");
            }
            return SnapshotFile.load(request.snapshotFile());
        }
        if (!hasPaths && request.live() == null) {
            throw new SourceException("no input: give manifest paths (or - for stdin), --kubeconfig/--context for a"
                    + " live cluster, or --snapshot FILE");
        }
        List<InventoryBuilder.Converted> objects = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        String cluster = "";
        if (hasPaths) {
            ManifestParser.Result<InventoryBuilder.Converted> manifests = new ManifestSource(request.maxFileBytes())
                    .load(request.paths(), request.stdin(), InventoryBuilder::convert);
            objects.addAll(manifests.items());
            problems.addAll(manifests.problems());
            descriptions.addAll(request.paths().stream().map(p -> p.equals("-") ? "<stdin>" : p).toList());
        }
        if (request.live() != null) {
            try {
                Loaded live = LiveClusterSource.load(request.live());
                live.documents().stream().map(InventoryBuilder::convert).forEach(objects::add);
                problems.addAll(live.problems());
                cluster = live.cluster();
            } catch (SourceException e) {
                if (!hasPaths) {
                    throw e;
                }
                // The manifests can still be scanned: the unreachable cluster becomes an input error.
                problems.add(InputProblem.error(SourceLocation.endpoint("cluster"), e.getMessage()));
            }
            descriptions.add("cluster " + (cluster.isEmpty() ? "(current context)" : cluster));
        }
        SnapshotInfo info = new SnapshotInfo(descriptions, cluster, clock.instant());
        return InventoryBuilder.assemble(info, objects, problems);
    }
}
