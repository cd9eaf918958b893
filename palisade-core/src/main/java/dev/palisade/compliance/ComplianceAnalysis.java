package dev.palisade.compliance;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Section;
import dev.palisade.scan.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Question 12: how far the cluster, each namespace and each node adhere to the CIS Kubernetes Benchmark; and a
 * Compliance section with every bundled standard's adherence. Runs after the analyses with findings (RBAC,
 * network), whose findings controls map to.
 */
public final class ComplianceAnalysis implements Analysis {

    /** The standard question 12 is answered for. */
    public static final String DEFAULT_STANDARD = "cis-1.12";
    private static final int FAILING_SHOWN = 8;
    private static final int WORST_NAMESPACES = 3;

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findings) {
        ComplianceEngine engine = ComplianceEngine.of(snapshot, config, findings);
        List<ComplianceReport> reports = Catalogue.bundled().standards().stream().map(engine::evaluate).toList();
        ComplianceReport cis = reports.stream().filter(r -> r.standard().id().equals(DEFAULT_STANDARD))
                .findFirst().orElseThrow();
        return new Result(List.of(), List.of(answer(cis, snapshot, config)), List.of(section(reports)));
    }

    private static Answer answer(ComplianceReport report, Snapshot snapshot, ScanConfig config) {
        ComplianceReport.Summary summary = report.summary();
        List<ComplianceReport.Adherence> scopes = report.adherence();
        StringBuilder text = new StringBuilder(report.standard().title()).append(": ").append(summary.pass())
                .append(" of ").append(summary.judged()).append(" judged controls pass cluster-wide (")
                .append(summary.percent()).append("%); ").append(summary.manual()).append(" need manual review, ")
                .append(summary.notApplicable()).append(" do not apply.");
        List<ComplianceReport.Adherence> namespaces = scopes.stream()
                .filter(a -> a.scope().kind() == Scope.Kind.NAMESPACE)
                .sorted(Comparator.comparingInt((ComplianceReport.Adherence a) -> a.percent())
                        .thenComparing(a -> a.scope().name())).toList();
        if (!namespaces.isEmpty()) {
            text.append(" Least adherent namespaces: ").append(String.join(", ", namespaces.stream()
                    .limit(WORST_NAMESPACES).map(ComplianceAnalysis::shortly).toList())).append('.');
        }
        List<ComplianceReport.Adherence> nodes = scopes.stream().filter(a -> a.scope().kind() == Scope.Kind.NODE)
                .toList();
        if (!nodes.isEmpty()) {
            text.append(" Nodes: ").append(String.join(", ", nodes.stream().map(ComplianceAnalysis::shortly)
                    .toList())).append('.');
        }
        Table.Builder table = new Table.Builder("scope", "adherence", "passing", "failing controls");
        String cluster = snapshot.info().cluster();
        table.row("cluster " + (cluster.isEmpty() ? "" : cluster + " ") + "(every scope)", summary.percent() + "%",
                summary.pass() + "/" + summary.judged(), failing(report.results().stream()
                        .filter(r -> r.status() == Status.FAIL).map(r -> r.control().id()).toList()));
        List<ComplianceReport.Adherence> ordered = new ArrayList<>();
        scopes.stream().filter(a -> a.scope().kind() == Scope.Kind.CLUSTER).forEach(ordered::add);
        ordered.addAll(namespaces);
        ordered.addAll(nodes);
        for (ComplianceReport.Adherence scope : ordered) {
            table.row(scope.scope().kind() == Scope.Kind.CLUSTER ? "control plane and cluster-scoped objects"
                    : scope.scope().toString(), scope.percent() + "%", scope.passing() + "/" + scope.judged(),
                    failing(scope.failingControls()));
        }
        boolean nodeFacts = !config.nodeFacts().isEmpty();
        return new Answer(12, "How far does each cluster, namespace and node adhere to the CIS benchmark (and PCI,"
                + " HIPAA, NIST)?", nodeFacts ? Answer.Status.ANSWERED : Answer.Status.PARTIAL, text.toString()
                + " Every control with its evidence: palisade compliance --standard " + report.standard().id()
                + " (also nsa, pss-baseline, pss-restricted, pci-4.0, nist-800-53, nist-800-190, hipaa).",
                table.build(), nodeFacts ? "" : "The node controls (CIS 1.1, 4.1, 4.2, 4.3) need node facts: run"
                + " 'palisade node-facts' on every node and pass the files with --node-facts DIR.");
    }

    private static String shortly(ComplianceReport.Adherence adherence) {
        return adherence.scope().name() + " " + adherence.percent() + "% (" + adherence.passing() + "/"
                + adherence.judged() + ")";
    }

    private static String failing(List<String> ids) {
        if (ids.size() <= FAILING_SHOWN) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, FAILING_SHOWN)) + " and " + (ids.size() - FAILING_SHOWN) + " more";
    }

    private static Section section(List<ComplianceReport> reports) {
        Table.Builder table = new Table.Builder("standard", "title", "adherence", "pass", "fail", "manual",
                "not applicable");
        for (ComplianceReport report : reports) {
            ComplianceReport.Summary summary = report.summary();
            table.row(report.standard().id(), report.standard().title(), summary.percent() + "%",
                    String.valueOf(summary.pass()), String.valueOf(summary.fail()), String.valueOf(summary.manual()),
                    String.valueOf(summary.notApplicable()));
        }
        return new Section("Compliance", reports.size() + " standards, judged from the inventory, the findings above"
                + " and the node facts given; adherence is passing / judged controls. Every control with its"
                + " evidence: palisade compliance --standard ID.", table.build());
    }
}
