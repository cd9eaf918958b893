package dev.palisade.privilege;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Check;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Severity;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Question 6: which workloads run privileged containers. A container is privileged with
 * {@code securityContext.privileged: true}; adding {@code SYS_ADMIN} or {@code ALL} capabilities comes
 * close and is listed beside it. Host namespaces of the pod are shown as context.
 */
public final class PrivilegedContainers implements Analysis {

    static final Check PRIVILEGED = new Check("privileged-container", "Privileged container", Severity.HIGH,
            "Remove securityContext.privileged; grant only the capabilities the process needs"
            + " (capabilities.add) and keep the rest dropped.",
            Map.of("kubescape", "C-0057", "trivy", "KSV-0017", "polaris", "runAsPrivileged",
                    "kube-score", "container-security-context-privileged", "stackrox", "Privileged Container"));

    private static final Set<String> NEAR_PRIVILEGED_CAPABILITIES = Set.of("SYS_ADMIN", "ALL");

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config) {
        Table.Builder table = new Table.Builder("namespace", "workload", "container", "why", "host access");
        List<Finding> findings = new ArrayList<>();
        Set<String> privilegedWorkloads = new TreeSet<>();
        int nearPrivileged = 0;
        for (Workload workload : snapshot.workloads()) {
            String hostAccess = hostAccess(workload.podSpec());
            for (WorkloadContainer container : workload.containers()) {
                SecurityContext context = container.spec().getSecurityContext();
                String label = container.name() + kindSuffix(container);
                if (context != null && Boolean.TRUE.equals(context.getPrivileged())) {
                    privilegedWorkloads.add(workload.ref().toString());
                    table.row(workload.namespace(), workload.ref().kind() + "/" + workload.name(), label,
                            "privileged: true", hostAccess);
                    findings.add(PRIVILEGED.finding(workload.ref(), workload.source(),
                            "container \"" + container.name() + "\" runs privileged (securityContext.privileged: true)"));
                    continue;
                }
                List<String> added = addedCapabilities(context);
                if (!added.isEmpty()) {
                    nearPrivileged++;
                    table.row(workload.namespace(), workload.ref().kind() + "/" + workload.name(), label,
                            "capabilities.add: " + String.join(", ", added), hostAccess);
                }
            }
        }
        String summary = privilegedWorkloads.isEmpty()
                ? "No workload runs a privileged container."
                : Text.count(privilegedWorkloads.size(), "workload") + " with privileged containers: "
                + String.join(", ", privilegedWorkloads) + ".";
        if (nearPrivileged > 0) {
            summary += " " + Text.count(nearPrivileged, "more container") + " add SYS_ADMIN or ALL capabilities.";
        }
        Answer answer = new Answer(6, "Which workloads run privileged containers?", Answer.Status.ANSWERED, summary,
                table.build(), "");
        return new Result(findings, List.of(answer));
    }

    private static String kindSuffix(WorkloadContainer container) {
        return switch (container.kind()) {
            case INIT -> " (init)";
            case EPHEMERAL -> " (ephemeral)";
            case REGULAR -> "";
        };
    }

    private static List<String> addedCapabilities(SecurityContext context) {
        Capabilities capabilities = context == null ? null : context.getCapabilities();
        if (capabilities == null || capabilities.getAdd() == null) {
            return List.of();
        }
        return capabilities.getAdd().stream()
                .map(c -> c.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", ""))
                .filter(NEAR_PRIVILEGED_CAPABILITIES::contains)
                .distinct().toList();
    }

    private static String hostAccess(PodSpec spec) {
        List<String> access = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            access.add("hostNetwork");
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            access.add("hostPID");
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            access.add("hostIPC");
        }
        if (spec.getVolumes() != null) {
            spec.getVolumes().stream().filter(v -> v.getHostPath() != null)
                    .forEach(v -> access.add("hostPath " + v.getHostPath().getPath()));
        }
        return String.join(", ", access);
    }
}
