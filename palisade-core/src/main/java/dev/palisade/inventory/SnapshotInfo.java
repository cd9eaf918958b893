package dev.palisade.inventory;

import java.time.Instant;
import java.util.List;

/**
 * What a snapshot was loaded from and when.
 *
 * @param sources  human-readable descriptions of the sources (paths, {@code cluster <context>}, a snapshot file)
 * @param cluster  the cluster name when known (kubeconfig context or snapshot), else empty
 * @param loadedAt when the state was read
 */
public record SnapshotInfo(List<String> sources, String cluster, Instant loadedAt) {

    public SnapshotInfo {
        sources = List.copyOf(sources);
        cluster = cluster == null ? "" : cluster;
    }
}
