package dev.palisade.scan;

import dev.palisade.image.ImageProvenance;
import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ExternalExposure;
import dev.palisade.ownership.Ownership;
import dev.palisade.policy.Policy;
import dev.palisade.policy.PolicyContext;
import dev.palisade.policy.PolicyEngine;
import dev.palisade.policy.PolicyPack;
import dev.palisade.privilege.PrivilegedContainers;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a scan: the policies (default pack plus configured ones) over the snapshot, then every analysis over
 * the snapshot and the policy findings, and assembles the report.
 */
public final class Scanner {

    /** Every analysis of a scan; a new analysis is added here. */
    public static final List<Analysis> ANALYSES = List.of(
            new ImageProvenance(),
            new PrivilegedContainers(),
            new ExternalExposure(),
            new Ownership(),
            new dev.palisade.rbac.RbacAnalysis(),
            new dev.palisade.rbac.RbacOverview(),
            new dev.palisade.network.NetworkGaps(),
            new dev.palisade.network.NetworkOverview(),
            new dev.palisade.network.UnusedPaths(),
            new dev.palisade.runtime.ProcessInventory(),
            new dev.palisade.runtime.RuntimeAlerts(),
            new dev.palisade.vuln.VulnerabilityAnswers(),
            new dev.palisade.risk.RiskAnalysis(),
            new dev.palisade.compliance.ComplianceAnalysis());

    private Scanner() {
    }

    public static ScanReport scan(Snapshot snapshot, ScanConfig config) {
        return scan(snapshot, config, Clock.systemUTC());
    }

    public static ScanReport scan(Snapshot snapshot, ScanConfig config, Clock clock) {
        PolicyPack.Loaded pack = PolicyPack.load(config.policies());
        List<Policy> policies = pack.enabled().stream()
                .filter(p -> p.lifecycle().contains(Policy.Lifecycle.BUILD) || p.lifecycle().contains(Policy.Lifecycle.DEPLOY))
                .toList();
        PolicyContext context = new PolicyContext(snapshot, config, LocalDate.now(clock));
        List<Finding> findings = new ArrayList<>(PolicyEngine.evaluate(context, policies));
        List<Answer> answers = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        for (Analysis analysis : ANALYSES) {
            Analysis.Result result = analysis.analyze(snapshot, config, List.copyOf(findings));
            findings.addAll(result.findings());
            answers.addAll(result.answers());
            sections.addAll(result.sections());
        }
        Set<Integer> numbers = new TreeSet<>();
        answers.forEach(a -> {
            if (!numbers.add(a.number())) {
                throw new IllegalStateException("question " + a.number() + " answered twice");
            }
        });
        if (numbers.size() != 12) {
            throw new IllegalStateException("questions answered: " + numbers + "; every scan must answer 1 to 12");
        }
        List<InputProblem> problems = new ArrayList<>(snapshot.problems());
        problems.addAll(pack.problems());
        return new ScanReport(snapshot, policies.size(), findings, answers, sections, problems);
    }
}
