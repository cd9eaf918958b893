package dev.palisade.rbac;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Section;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report's RBAC section: the RBAC findings (of the RBAC analysis, ids {@code rbac-*}, and of policies in
 * category {@value #CATEGORY}) by type, most severe first.
 */
public final class RbacOverview implements Analysis {

    static final String PREFIX = "rbac-";
    static final String CATEGORY = "Access Control";

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findings) {
        List<Finding> rbac = findings.stream().filter(f -> f.active() && (f.policy().startsWith(PREFIX) || f.categories().contains(CATEGORY))).toList();
        Map<String, List<Finding>> byPolicy = new TreeMap<>();
        rbac.forEach(f -> byPolicy.computeIfAbsent(f.policy(), k -> new ArrayList<>()).add(f));
        Table.Builder table = new Table.Builder("severity", "finding", "count", "objects");
        byPolicy.values().stream()
                .sorted(java.util.Comparator.comparing((List<Finding> list) -> list.get(0).severity()).reversed()
                        .thenComparing(list -> list.get(0).policy()))
                .forEach(list -> table.row(list.get(0).severity().name(), list.get(0).policy() + ": " + list.get(0).title(),
                        String.valueOf(list.size()), list.stream().map(f -> f.resource().toString()).distinct().limit(5)
                                .collect(Collectors.joining(", ")) + (list.size() > 5 ? ", ..." : "")));
        int roles = snapshot.ofKind("Role").size() + snapshot.ofKind("ClusterRole").size();
        int bindings = snapshot.ofKind("RoleBinding").size() + snapshot.ofKind("ClusterRoleBinding").size();
        String summary = Text.count(roles, "role") + " and " + Text.count(bindings, "binding")
                + "; " + (rbac.isEmpty() ? "no RBAC findings." : Text.count(rbac.size(), "RBAC finding") + ".")
                + " Ask further with palisade rbac can-i, who-can and explain.";
        return new Result(List.of(), List.of(), List.of(new Section("RBAC", summary, table.build())));
    }
}
