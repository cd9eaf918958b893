package dev.palisade.scan;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.Snapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Everything a scan produced: the snapshot it read, its findings (most severe first), and the twelve answers. */
public record ScanReport(Snapshot snapshot, List<Finding> findings, List<Answer> answers) {

    /** Version of the JSON report schema (docs/report-json.md); bumped on incompatible changes. */
    public static final String SCHEMA_VERSION = "1";

    public static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(Finding::checkId)
            .thenComparing(f -> f.resource().namespace())
            .thenComparing(f -> f.resource().kind())
            .thenComparing(f -> f.resource().name())
            .thenComparing(Finding::message);

    public ScanReport {
        findings = findings.stream().sorted(FINDING_ORDER).toList();
        answers = answers.stream().sorted(Comparator.comparingInt(Answer::number)).toList();
    }

    public List<InputProblem> problems() {
        return snapshot.problems();
    }

    /** The most severe finding's severity, if any finding exists. */
    public Optional<Severity> highestSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    public long countAtLeast(Severity threshold) {
        return findings.stream().filter(f -> f.severity().atLeast(threshold)).count();
    }
}
