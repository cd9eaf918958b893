package dev.palisade.network;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per workload, the routes from outside the cluster to its pods: through the objects the Exposure policies
 * report (LoadBalancer, NodePort and externalIPs Services, Ingresses, Gateway routes) and the node (hostPort,
 * hostNetwork), each with whether NetworkPolicies admit the traffic.
 */
public final class InternetExposure {

    private final Map<Workload, List<ExposureReach.Route>> routes;

    private InternetExposure(Map<Workload, List<ExposureReach.Route>> routes) {
        this.routes = routes;
    }

    /** From the active findings of the Exposure policies. */
    public static InternetExposure of(Snapshot snapshot, List<Finding> findings) {
        ExposureReach reach = new ExposureReach(snapshot, Reachability.of(snapshot));
        Map<dev.palisade.inventory.ObjectRef, Workload> workloads = new HashMap<>();
        snapshot.workloads().forEach(w -> workloads.put(w.ref(), w));
        Map<Workload, List<ExposureReach.Route>> routes = new IdentityHashMap<>();
        findings.stream().filter(f -> f.active() && f.categories().contains(ExternalExposure.EXPOSURE))
                .map(Finding::resource).distinct().forEach(ref -> {
                    Workload workload = workloads.get(ref);
                    List<ExposureReach.Route> found = workload != null ? reach.hostRoutes(workload)
                            : snapshot.find(ref).map(reach::routes).orElse(List.of());
                    found.forEach(r -> routes.computeIfAbsent(r.target().workload(), w -> new ArrayList<>()).add(r));
                });
        return new InternetExposure(routes);
    }

    /** The routes into a workload, admitted ones first; empty when nothing exposes it. */
    public List<ExposureReach.Route> routes(Workload workload) {
        List<ExposureReach.Route> result = new ArrayList<>(routes.getOrDefault(workload, List.of()));
        result.sort(java.util.Comparator.comparing((ExposureReach.Route r) -> !r.admitted())
                .thenComparing(r -> String.join(" ", r.hops())));
        return result;
    }
}
