package dev.palisade.runtime;

import dev.palisade.inventory.PodInstance;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the workload a pod belongs to, for runtime data that names pods: by the live pods of the snapshot, else
 * (manifests) by the pod name's prefix, as controllers name pods ({@code web-7d9f8c6b5-x2x9q} → Deployment web,
 * {@code db-0} → StatefulSet db), longest workload name first.
 */
public final class PodLocator {

    private final Map<String, Workload> byPod = new HashMap<>();
    private final Map<String, java.util.List<Workload>> byNamespace = new HashMap<>();

    public PodLocator(Snapshot snapshot) {
        for (Workload workload : snapshot.workloads()) {
            for (PodInstance pod : workload.pods()) {
                byPod.put(workload.namespace() + "/" + pod.name(), workload);
            }
            byNamespace.computeIfAbsent(workload.namespace(), k -> new java.util.ArrayList<>()).add(workload);
        }
        byNamespace.values().forEach(list -> list.sort(
                java.util.Comparator.comparingInt((Workload w) -> w.name().length()).reversed()));
    }

    public Optional<Workload> workload(String namespace, String pod) {
        if (namespace == null || pod == null) {
            return Optional.empty();
        }
        Workload live = byPod.get(namespace + "/" + pod);
        if (live != null) {
            return Optional.of(live);
        }
        return byNamespace.getOrDefault(namespace, java.util.List.of()).stream()
                .filter(w -> pod.equals(w.name()) || pod.startsWith(w.name() + "-")).findFirst();
    }
}
