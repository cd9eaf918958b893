package dev.palisade.privilege;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.ContainerKind;
import dev.palisade.inventory.Workload;
import dev.palisade.inventory.WorkloadContainer;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Question 6: which workloads run privileged containers, from the findings of policies {@value #PRIVILEGED}
 * and {@value #SYS_ADMIN} (nearly as powerful), with each pod's host access as context, and how many workloads
 * fail the Pod Security baseline level (policy {@value #PSS_BASELINE}).
 */
public final class PrivilegedContainers implements Analysis {

    static final String PRIVILEGED = "privileged-container";
    static final String SYS_ADMIN = "container-capability-sys-admin";
    static final String PSS_BASELINE = "pss-baseline";

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        Set<String> privilegedContainers = keys(Analysis.of(policyFindings, PRIVILEGED));
        Set<String> sysAdminContainers = keys(Analysis.of(policyFindings, SYS_ADMIN));
        Table.Builder table = new Table.Builder("namespace", "workload", "container", "why", "host access");
        Set<String> privileged = new TreeSet<>();
        int nearly = 0;
        for (Workload workload : snapshot.workloads()) {
            for (WorkloadContainer container : workload.containers()) {
                String key = workload.ref().identity() + "#" + container.name();
                String why;
                if (privilegedContainers.contains(key)) {
                    privileged.add(workload.ref().toString());
                    why = "privileged: true";
                } else if (sysAdminContainers.contains(key)) {
                    nearly++;
                    why = "capabilities.add: " + String.join(", ", container.spec().getSecurityContext()
                            .getCapabilities().getAdd().stream()
                            .map(c -> c.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", ""))
                            .filter(c -> c.equals("SYS_ADMIN") || c.equals("ALL")).toList());
                } else {
                    continue;
                }
                table.row(workload.namespace(), workload.ref().kind() + "/" + workload.name(),
                        container.name() + suffix(container.kind()), why, hostAccess(workload.podSpec()));
            }
        }
        String summary = privileged.isEmpty() ? "No workload runs a privileged container."
                : Text.count(privileged.size(), "workload") + " with privileged containers: "
                + String.join(", ", privileged) + ".";
        if (nearly > 0) {
            summary += " " + Text.count(nearly, "more container") + " add SYS_ADMIN or ALL capabilities.";
        }
        long belowBaseline = Analysis.of(policyFindings, PSS_BASELINE).stream().map(f -> f.resource().identity())
                .distinct().count();
        if (belowBaseline > 0) {
            summary += " " + Text.count(belowBaseline, "workload") + (belowBaseline == 1 ? " fails" : " fail")
                    + " the Pod Security baseline level (findings " + PSS_BASELINE + ").";
        }
        return Result.answer(new Answer(6, "Which workloads run privileged containers?", Answer.Status.ANSWERED,
                summary, table.build(), ""));
    }

    private static Set<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.resource().identity() + "#" + f.container()).collect(Collectors.toSet());
    }

    private static String suffix(ContainerKind kind) {
        return switch (kind) {
            case INIT -> " (init)";
            case EPHEMERAL -> " (ephemeral)";
            case REGULAR -> "";
        };
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
