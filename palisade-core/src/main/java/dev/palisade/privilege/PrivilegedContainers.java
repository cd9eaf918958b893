package dev.palisade.privilege;

import dev.palisade.inventory.Snapshot;
import dev.palisade.inventory.Workload;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Question 6: which workloads run privileged containers, from the findings of policies {@value #PRIVILEGED}
 * and {@value #SYS_ADMIN} (nearly as powerful), with each pod's host access as context.
 */
public final class PrivilegedContainers implements Analysis {

    static final String PRIVILEGED = "privileged-container";
    static final String SYS_ADMIN = "container-capability-sys-admin";

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> policyFindings) {
        Map<String, Workload> workloads = snapshot.workloads().stream()
                .collect(Collectors.toMap(w -> w.ref().identity(), Function.identity(), (a, b) -> a));
        Table.Builder table = new Table.Builder("namespace", "workload", "container", "why", "host access");
        Set<String> privileged = new TreeSet<>();
        List<Finding> rows = new ArrayList<>(Analysis.of(policyFindings, PRIVILEGED));
        List<Finding> nearly = Analysis.of(policyFindings, SYS_ADMIN);
        rows.addAll(nearly);
        rows.sort(java.util.Comparator.comparing((Finding f) -> f.resource().namespace())
                .thenComparing(f -> f.resource().name()).thenComparing(f -> String.valueOf(f.container())));
        for (Finding finding : rows) {
            Workload workload = workloads.get(finding.resource().identity());
            String hostAccess = workload == null ? "" : hostAccess(workload.podSpec());
            boolean isPrivileged = finding.policy().equals(PRIVILEGED);
            if (isPrivileged) {
                privileged.add(finding.resource().toString());
            }
            table.row(finding.resource().namespace(), finding.resource().kind() + "/" + finding.resource().name(),
                    finding.container(), isPrivileged ? "privileged: true" : "capabilities: SYS_ADMIN or ALL", hostAccess);
        }
        String summary = privileged.isEmpty() ? "No workload runs a privileged container."
                : Text.count(privileged.size(), "workload") + " with privileged containers: "
                + String.join(", ", privileged) + ".";
        if (!nearly.isEmpty()) {
            summary += " " + Text.count(nearly.size(), "more container") + " add SYS_ADMIN or ALL capabilities.";
        }
        return Result.answer(new Answer(6, "Which workloads run privileged containers?", Answer.Status.ANSWERED,
                summary, table.build(), ""));
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
