package dev.palisade.compliance;

import java.util.List;

/** A control's outcome in one scope, with its evidence (failing evidence first). */
public record Verdict(Scope scope, Status status, List<Evidence> evidence) {

    public Verdict {
        evidence = evidence.stream().sorted(java.util.Comparator.comparing(Evidence::status,
                java.util.Comparator.comparing(s -> s == Status.FAIL ? 0 : 1))).toList();
    }

    /** FAIL when any evidence fails, PASS when some passes, else NOT_APPLICABLE. */
    public static Verdict of(Scope scope, List<Evidence> evidence) {
        return new Verdict(scope, combine(evidence.stream().map(Evidence::status).toList()), evidence);
    }

    /** FAIL over PASS over MANUAL over NOT_APPLICABLE: one failure fails, one pass is enough to pass. */
    static Status combine(List<Status> statuses) {
        for (Status status : List.of(Status.FAIL, Status.PASS, Status.MANUAL)) {
            if (statuses.contains(status)) {
                return status;
            }
        }
        return Status.NOT_APPLICABLE;
    }
}
