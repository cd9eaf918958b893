package dev.palisade.network;

import dev.palisade.inventory.Snapshot;
import dev.palisade.scan.Analysis;
import dev.palisade.scan.Answer;
import dev.palisade.scan.Finding;
import dev.palisade.scan.ScanConfig;
import dev.palisade.scan.Table;
import dev.palisade.scan.Text;
import java.util.List;

/**
 * Question 9: which network paths are allowed but never used — the connectivity map compared with the observed
 * flows given to the scan ({@link FlowDiff}); observed flows the policies deny are listed too.
 */
public final class UnusedPaths implements Analysis {

    static final String QUESTION = "Which network paths are allowed but never used?";
    /** The table lists this many rows at most; {@code palisade netpol diff} lists them all. */
    static final int ROWS = 100;

    @Override
    public Result analyze(Snapshot snapshot, ScanConfig config, List<Finding> findingsSoFar) {
        var observed = config.evidence().get(ObservedFlows.class);
        if (observed.isEmpty()) {
            return Result.answer(new Answer(9, QUESTION, Answer.Status.NEEDS_DATA, "No observed network flows.",
                    Table.empty(), "Give observed flows with --flows FILE (JSON or CSV: source, destination, port,"
                    + " protocol, lastSeen; from flow logs, Hubble or a mesh), compared with what NetworkPolicies allow."));
        }
        FlowDiff.Result diff = FlowDiff.of(Reachability.of(snapshot), observed.get().flows());
        Table.Builder table = new Table.Builder("path", "allowed", "unused", "status");
        diff.denied().forEach(d -> table.row(ObservedFlow.label(d.flow().source()) + " => "
                        + ObservedFlow.label(d.flow().destination()), "no", d.flow().protocol() + " " + d.flow().port(),
                "observed but denied by " + String.join(", ", d.deniedBy().stream().map(FlowDiff.Denial::sideName).toList())));
        diff.unused().stream().limit(ROWS).forEach(u -> table.row(u.source().label() + " => " + u.destination().label(),
                u.allowed().toString(), u.unused().toString(), u.neverUsed() ? "never used" : "partly used"));
        String summary = diff.neverUsed() + " of " + Text.count(diff.allowedPaths(), "allowed path")
                + " were never used and " + (diff.unused().size() - diff.neverUsed()) + " only partly, in "
                + Text.count(diff.observedFlows(), "observed flow") + (diff.denied().isEmpty() ? "."
                : "; " + diff.denied().size() + " observed " + (diff.denied().size() == 1 ? "flow is" : "flows are")
                + " denied by the policies.")
                + (diff.unused().size() > ROWS ? " The table shows the first " + ROWS + "; 'palisade netpol diff' lists all." : "");
        return Result.answer(new Answer(9, QUESTION, Answer.Status.ANSWERED, summary, table.build(), ""));
    }
}
