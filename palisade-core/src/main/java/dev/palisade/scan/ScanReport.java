package dev.palisade.scan;

import dev.palisade.inventory.InputProblem;
import dev.palisade.inventory.Snapshot;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a scan produced: the snapshot it read, how many policies ran, the findings (most severe first),
 * the twelve answers, further report sections, and the problems met reading inputs and policies.
 */
public record ScanReport(Snapshot snapshot, int policiesEvaluated, List<Finding> findings, List<Answer> answers,
                         List<Section> sections, List<InputProblem> problems) {

    /** Version of the JSON report schema (docs/report-json.md); bumped on incompatible changes. */
    public static final String SCHEMA_VERSION = "2";

    public static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing(Finding::exempted)
            .thenComparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(Finding::policy)
            .thenComparing(f -> f.resource().namespace())
            .thenComparing(f -> f.resource().kind())
            .thenComparing(f -> f.resource().name())
            .thenComparing(f -> f.container() == null ? "" : f.container())
            .thenComparing(Finding::message);

    public ScanReport {
        findings = findings.stream().sorted(FINDING_ORDER).toList();
        answers = answers.stream().sorted(Comparator.comparingInt(Answer::number)).toList();
        sections = List.copyOf(sections);
        problems = List.copyOf(problems);
    }

    public boolean hasInputErrors() {
        return problems.stream().anyMatch(p -> p.level() == InputProblem.Level.ERROR);
    }

    /** Active (not exempted) findings at or above the threshold. */
    public long countAtLeast(Severity threshold) {
        return findings.stream().filter(f -> f.active() && f.severity().atLeast(threshold)).count();
    }

    /** Active findings of ENFORCE policies: what a CI gate fails on. */
    public List<Finding> enforced() {
        return findings.stream().filter(f -> f.active() && f.enforcement() == Enforcement.ENFORCE).toList();
    }
}
