package dev.palisade.risk;

import dev.palisade.inventory.KubeObject;
import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.network.ExposureReach;
import dev.palisade.network.InternetExposure;
import dev.palisade.network.ParsedPolicy.Direction;
import dev.palisade.network.Reachability;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scores every workload with {@link RiskModel}: each factor's value between 0 and 1 times its weight, summed,
 * times the workload's criticality. Adding a risk never lowers a factor, so it never lowers the score; the same
 * input always gives the same scores and order (ties broken by workload identity).
 */
public final class RiskScorer {

    static final String CRITICALITY = "palisade.dev/criticality";
    /** Checks whose finding means the pod can take over its node. */
    private static final java.util.Set<String> NODE_ACCESS = java.util.Set.of("privileged-container",
            "container-sensitive-host-mount", "container-runtime-socket-mount", "workload-host-pid");
    private static final Map<String, Double> SEVERITY_VALUE = Map.of("critical", 1.0, "high", 0.7, "medium", 0.4,
            "low", 0.1);

    private final RiskModel model;

    public RiskScorer(RiskModel model) {
        this.model = model;
    }

    /** Every workload's risk, highest first, ranked from 1. */
    public List<WorkloadRisk> score(Snapshot snapshot, ScanConfig config, List<Finding> findings) {
        Map<String, List<Finding>> byWorkload = new HashMap<>();
        findings.stream().filter(Finding::active)
                .forEach(f -> byWorkload.computeIfAbsent(f.resource().identity(), k -> new ArrayList<>()).add(f));
        InternetExposure exposure = InternetExposure.of(snapshot, findings);
        Reachability reachability = Reachability.of(snapshot);
        var classes = dev.palisade.network.ConnectivityMap.classesOfWorkload(reachability);
        Optional<VulnerabilityFacts> vulnerabilities = config.evidence().get(VulnerabilityFacts.class).or(() ->
                config.evidence().get(dev.palisade.vuln.ImageScans.class).map(s -> VulnerabilityFacts.of(snapshot, s)));
        Map<String, List<dev.palisade.runtime.RuntimeAlert>> alerts = config.evidence()
                .get(dev.palisade.runtime.RuntimeData.class).filter(r -> r.alerts() != null)
                .map(r -> dev.palisade.runtime.RuntimeAlerts.byWorkload(snapshot, r.alerts())).orElse(null);
        record Scored(Workload workload, double score, List<RiskFactor> factors, List<String> path) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Workload workload : snapshot.workloads()) {
            List<Finding> own = byWorkload.getOrDefault(workload.ref().identity(), List.of());
            VulnerabilityFacts.Workload vulns = vulnerabilities.map(v -> v.byWorkload().get(workload.ref().identity()))
                    .orElse(null);
            List<ExposureReach.Route> routes = exposure.routes(workload);
            boolean open = classes.getOrDefault(workload, java.util.Set.of()).stream()
                    .anyMatch(c -> !reachability.isolated(c, Direction.INGRESS));
            List<RiskFactor> factors = new ArrayList<>();
            double vulnerabilityValue = vulnerabilityValue(vulns);
            factors.add(factor("vulnerabilities", vulnerabilityValue, vulnerabilityDetail(vulns, vulnerabilities.isPresent())));
            boolean exploited = vulns != null && !vulns.knownExploited().isEmpty();
            factors.add(factor("known-exploited", exploited ? 1 : 0,
                    exploited ? "known exploited: " + String.join(", ", vulns.knownExploited()) : "none known exploited"));
            double exposureValue = routes.stream().anyMatch(ExposureReach.Route::admitted) ? 1.0
                    : !routes.isEmpty() ? 0.4 : open ? 0.2 : 0.0;
            factors.add(factor("internet-exposure", exposureValue, exposureDetail(routes, open)));
            factors.add(factor("exposed-and-vulnerable", exposureValue * vulnerabilityValue,
                    exposureValue * vulnerabilityValue > 0 ? "a vulnerable workload reachable from outside" : "no"));
            factors.add(signalFactor("privileges", own));
            factors.add(serviceAccountFactor(own));
            double violations = own.stream().mapToDouble(f -> square(f.severity())).sum();
            factors.add(factor("policy-violations", Math.min(1, violations / 50),
                    own.size() + " active findings, severity² sum " + round(violations)));
            int tools = vulns == null ? 0 : vulns.attackerTools().size();
            factors.add(factor("attacker-tools", Math.min(1, 0.2 * tools),
                    tools == 0 ? "none found" : String.join(", ", vulns.attackerTools())));
            int age = vulns == null ? -1 : vulns.imageAgeDays();
            factors.add(factor("image-age", age < 90 ? 0 : Math.min(1, (age - 90) / 275.0),
                    age < 0 ? "unknown" : age + " days"));
            List<dev.palisade.runtime.RuntimeAlert> workloadAlerts = alerts == null ? List.of()
                    : alerts.getOrDefault(workload.ref().identity(), List.of());
            factors.add(factor("runtime-anomalies", workloadAlerts.isEmpty() ? 0 : workloadAlerts.size() >= 3 ? 1 : 0.5,
                    alerts == null ? "no runtime alerts given" : workloadAlerts.size() + " runtime alerts"
                    + (workloadAlerts.isEmpty() ? "" : ": " + String.join(", ", new java.util.TreeSet<>(
                    workloadAlerts.stream().map(dev.palisade.runtime.RuntimeAlert::rule).toList())))));
            double multiplier = criticality(snapshot, workload);
            double sum = factors.stream().mapToDouble(RiskFactor::contribution).sum();
            factors.add(new RiskFactor("criticality", multiplier, sum * multiplier - sum,
                    criticalityLevel(snapshot, workload) + " (×" + multiplier + ")"));
            scored.add(new Scored(workload, sum * multiplier, factors, path(workload, routes, vulns, own)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.workload().ref().identity()));
        List<WorkloadRisk> result = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            result.add(new WorkloadRisk(s.workload().ref(), round(s.score()), i + 1, s.factors(), s.path()));
        }
        return result;
    }

    private RiskFactor factor(String name, double value, String detail) {
        return new RiskFactor(name, value, model.factor(name).weight() * value, detail);
    }

    private RiskFactor signalFactor(String name, List<Finding> own) {
        Map<String, Double> signals = model.factor(name).signals();
        double value = 0;
        List<String> present = new ArrayList<>();
        for (Finding finding : own) {
            Double signal = signals.get(finding.policy());
            if (signal != null) {
                value = Math.max(value, signal);
                if (!present.contains(finding.policy())) {
                    present.add(finding.policy());
                }
            }
        }
        return factor(name, value, present.isEmpty() ? "none" : String.join(", ", present));
    }

    private RiskFactor serviceAccountFactor(List<Finding> own) {
        RiskModel.Factor factor = model.factor("service-account-permissions");
        double value = 0;
        String detail = "no risky permissions";
        for (Finding finding : own) {
            Double signal = factor.signals().get(finding.policy());
            if (signal != null) {
                double v = finding.message().contains("cluster-admin equivalent") ? 1.0 : signal;
                if (v > value) {
                    value = v;
                    detail = holds(finding.message());
                }
            }
        }
        return factor("service-account-permissions", value, detail);
    }

    private static double vulnerabilityValue(VulnerabilityFacts.Workload vulns) {
        if (vulns == null || vulns.worstSeverity() == null) {
            return 0;
        }
        double worst = SEVERITY_VALUE.getOrDefault(vulns.worstSeverity().toLowerCase(Locale.ROOT), 0.0)
                * (vulns.worstFixable() ? 1.0 : 0.8);
        double many = Math.min(0.2, 0.05 * (Math.log(1 + vulns.count()) / Math.log(2)));
        return Math.min(1, worst + many);
    }

    private static String vulnerabilityDetail(VulnerabilityFacts.Workload vulns, boolean scanned) {
        if (!scanned) {
            return "images not scanned (palisade scan --scan-images)";
        }
        if (vulns == null || vulns.worstId() == null) {
            return "no known vulnerabilities";
        }
        return vulns.count() + " vulnerabilities; worst " + vulns.worstId() + " (" + vulns.worstSeverity()
                + (vulns.worstFixable() ? ", fixable" : ", no fix") + ")";
    }

    private static String exposureDetail(List<ExposureReach.Route> routes, boolean open) {
        if (routes.stream().anyMatch(ExposureReach.Route::admitted)) {
            ExposureReach.Route route = routes.get(0);
            return "reachable from outside through " + String.join(" → ", route.hops());
        }
        if (!routes.isEmpty()) {
            return "exposed through " + String.join(" → ", routes.get(0).hops()) + " but NetworkPolicies block outside traffic";
        }
        return open ? "not exposed; any pod of the cluster may connect (no ingress isolation)" : "not exposed; ingress isolated";
    }

    private static double square(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 16;
            case HIGH -> 9;
            case MEDIUM -> 4;
            case LOW -> 1;
            default -> 0;
        };
    }

    private double criticality(Snapshot snapshot, Workload workload) {
        return model.criticality().getOrDefault(criticalityLevel(snapshot, workload), 1.0);
    }

    /** The workload's annotation or label, else its namespace's; medium when none. */
    static String criticalityLevel(Snapshot snapshot, Workload workload) {
        String value = workload.annotations().getOrDefault(CRITICALITY, workload.labels().get(CRITICALITY));
        if (value == null) {
            Optional<KubeObject> namespace = snapshot.ofKind("Namespace").stream()
                    .filter(n -> n.ref().name().equals(workload.namespace())).findFirst();
            value = namespace.map(n -> n.annotations().getOrDefault(CRITICALITY, n.labels().get(CRITICALITY))).orElse(null);
        }
        return value == null ? "medium" : value.trim().toLowerCase(Locale.ROOT);
    }

    /** The attack path: from outside (when reachable) through the workload to what its privileges give. */
    private static List<String> path(Workload workload, List<ExposureReach.Route> routes,
                                     VulnerabilityFacts.Workload vulns, List<Finding> own) {
        List<String> path = new ArrayList<>();
        routes.stream().filter(ExposureReach.Route::admitted).findFirst().ifPresent(route -> {
            path.add("internet");
            path.addAll(route.hops());
        });
        String self = workload.ref().kind() + " " + workload.namespace() + "/" + workload.name();
        if (vulns != null && vulns.worstId() != null) {
            self += " (" + vulns.worstId() + ", " + vulns.worstSeverity() + (vulns.worstFixable() ? ", fixable" : "")
                    + (vulns.knownExploited().isEmpty() ? "" : ", known exploited") + ")";
        }
        path.add(self);
        own.stream().filter(f -> f.policy().equals("rbac-workload-risky-service-account")).findFirst().ifPresent(f -> {
            path.add("ServiceAccount " + workload.namespace() + "/" + workload.serviceAccountName());
            path.add(holds(f.message()));
        });
        List<String> toNode = own.stream().map(Finding::policy).filter(NODE_ACCESS::contains).distinct().sorted().toList();
        if (!toNode.isEmpty()) {
            path.add("node (" + String.join(", ", toNode) + ")");
        }
        return path;
    }

    /**
     * What the service account may do, from an RBAC finding's message: {@code holds cluster-admin equivalent},
     * or {@code can list secrets cluster-wide} for "which holds rbac-read-secrets: list secrets cluster-wide (...)".
     */
    private static String holds(String message) {
        int at = message.indexOf("which holds ");
        if (at < 0) {
            return message;
        }
        String rest = message.substring(at + "which holds ".length());
        int paren = rest.indexOf(" (");
        rest = paren < 0 ? rest : rest.substring(0, paren);
        int colon = rest.indexOf(": ");
        return colon < 0 ? "holds " + rest : "can " + rest.substring(colon + 2);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
