package dev.palisade.network;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Question 7: which services are exposed outside the cluster, and how: every active finding of a policy in
 * category {@value #EXPOSURE} (LoadBalancer, NodePort and externalIPs Services, Ingresses, HTTPRoutes, host
 * network and host ports), one row per exposed object, with what the NetworkPolicies do to traffic from outside
 * ({@link ExposureReach}): an object whose every target is blocked is exposed in configuration only.
 */
public final class ExternalExposure implements Analysis {

    static final String EXPOSURE = "Exposure";

    /** How each exposure policy's findings are labelled; other Exposure policies show the object's kind. */
    private static final Map<String, String> LABELS = Map.of(
            "service-load-balancer", "LoadBalancer", "service-load-balancer-open", "LoadBalancer",
            "service-node-port", "NodePort", "service-external-ips", "externalIPs",
            "ingress-exposure", "Ingress", "ingress-without-tls", "Ingress", "httproute-exposure", "HTTPRoute",
            "workload-host-network", "hostNetwork", "container-host-port", "hostPort");

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        Map<String, List<Finding>> byObject = new LinkedHashMap<>();
        policyFindings.stream()
                .filter(f -> f.active() && f.categories().contains(EXPOSURE))
                .sorted(java.util.Comparator.comparing((Finding f) -> f.resource().namespace())
                        .thenComparing(f -> f.resource().kind()).thenComparing(f -> f.resource().name()))
                .forEach(f -> byObject.computeIfAbsent(f.resource().identity(), k -> new ArrayList<>()).add(f));
        ExposureReach reach = new ExposureReach(snapshot, Reachability.of(snapshot));
        Map<dev.palisade.inventory.ObjectRef, dev.palisade.inventory.Workload> workloads = new java.util.HashMap<>();
        snapshot.workloads().forEach(w -> workloads.put(w.ref(), w));
        Table.Builder table = new Table.Builder("exposure", "object", "details", "network policy", "findings");
        int[] blocked = {0};
        byObject.values().forEach(findings -> {
            Finding first = findings.get(0);
            String exposure = findings.stream().map(f -> LABELS.getOrDefault(f.policy(), f.resource().kind()))
                    .distinct().collect(java.util.stream.Collectors.joining(", "));
            List<String> details = findings.stream().map(Finding::message).distinct().toList();
            List<String> policies = findings.stream().map(f -> f.policy() + " (" + f.severity().name()
                    .toLowerCase(java.util.Locale.ROOT) + ")").distinct().toList();
            var workload = workloads.get(first.resource());
            String verdict = workload != null ? reach.hostVerdict(workload)
                    : snapshot.find(first.resource()).map(reach::verdict).orElse("");
            if (verdict.startsWith("blocked")) {
                blocked[0]++;
            }
            table.row(exposure, first.resource().toString(), String.join("; ", details), verdict,
                    String.join(", ", policies));
        });
        String summary = byObject.isEmpty() ? "Nothing is exposed outside the cluster."
                : Text.count(byObject.size(), "object") + (byObject.size() == 1 ? " exposes" : " expose")
                + " workloads outside the cluster"
                + (blocked[0] == 0 ? "." : "; NetworkPolicies block outside traffic for " + blocked[0] + " of them.");
        return Result.answer(new Answer(7, "Which services are exposed outside the cluster?", Answer.Status.ANSWERED,
                summary, table.build(), ""));
    }
}
