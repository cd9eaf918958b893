package dev.palisade.scan;

import dev.palisade.image.ImageProvenance;
import dev.palisade.inventory.Snapshot;
import dev.palisade.network.ExternalExposure;
import dev.palisade.ownership.Ownership;
import dev.palisade.privilege.PrivilegedContainers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Runs every analysis Palisade has over one snapshot and assembles the report. */
public final class Scanner {

    /** Every analysis of a scan; a new analysis is added here. */
    public static final List<Analysis> ANALYSES = List.of(
            new ImageProvenance(),
            new PrivilegedContainers(),
            new ExternalExposure(),
            new Ownership(),
            new NotYetAnswered());

    private Scanner() {
    }

    public static ScanReport scan(Snapshot snapshot, ScanConfig config) {
        List<Finding> findings = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (Analysis analysis : ANALYSES) {
            Analysis.Result result = analysis.analyze(snapshot, config);
            findings.addAll(result.findings());
            answers.addAll(result.answers());
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
        return new ScanReport(snapshot, findings, answers);
    }
}
