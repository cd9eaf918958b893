package dev.palisade.risk;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import java.util.List;

/**
 * Question 5: which workloads to fix first — the five highest risk scores, each with why in one line and the
 * attack path. Without image scan results the vulnerability factors are zero and the answer says so.
 */
public final class RiskAnalysis implements Analysis {

    static final int TOP = 5;

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findingsSoFar) {
        List<WorkloadRisk> risks = new RiskScorer(RiskModel.defaults()).score(snapshot, config, findingsSoFar);
        Table.Builder table = new Table.Builder("rank", "workload", "score", "why", "attack path");
        risks.stream().limit(TOP).forEach(r -> table.row(Integer.toString(r.rank()), r.workload().toString(),
                Double.toString(r.score()), r.why(), String.join(" → ", r.path())));
        boolean scanned = config.evidence().get(VulnerabilityFacts.class).isPresent()
                || config.evidence().get(dev.palisade.vuln.ImageScans.class).isPresent();
        String question = "Which vulnerable workloads to fix first?";
        if (risks.isEmpty()) {
            return Result.answer(new Answer(5, question, Answer.Status.ANSWERED, "No workloads.", table.build(), ""));
        }
        String summary = "Fix first: " + String.join("; ", risks.stream().limit(Math.min(TOP, risks.size()))
                .map(r -> r.workload().namespace() + "/" + r.workload().name() + " (" + r.score() + ")").toList()) + ".";
        return Result.answer(scanned
                ? new Answer(5, question, Answer.Status.ANSWERED, summary, table.build(), "")
                : new Answer(5, question, Answer.Status.PARTIAL, summary + " Ranked by exposure, privileges and"
                + " findings only.", table.build(), "Scan the images (palisade scan --scan-images) to weigh"
                + " vulnerabilities: severity, fixability, known exploitation."));
    }
}
