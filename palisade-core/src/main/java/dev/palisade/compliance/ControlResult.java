package dev.palisade.compliance;

import java.util.List;

/**
 * A control's outcome: overall status, why (for MANUAL and NOT_APPLICABLE, and for partly judged mappings), the
 * verdict of every scope it was judged in, and for mapped controls the outcome of each mapping.
 */
public record ControlResult(Control control, Status status, String reason, List<Verdict> verdicts,
                            List<MappingResult> mappings) {

    /** One mapping of a mapped control: the control or check it names, why, and its status. */
    public record MappingResult(String target, String why, Status status) {
    }

    public ControlResult {
        reason = reason == null ? "" : reason;
        verdicts = verdicts.stream().sorted(java.util.Comparator.comparing(Verdict::scope)).toList();
        mappings = List.copyOf(mappings);
    }

    static ControlResult judged(Control control, List<Verdict> verdicts, String reason) {
        Status status = Verdict.combine(verdicts.stream().map(Verdict::status).toList());
        String why = reason;
        if (status == Status.NOT_APPLICABLE && (why == null || why.isEmpty())) {
            why = verdicts.stream().flatMap(v -> v.evidence().stream()).map(Evidence::detail).distinct()
                    .reduce((a, b) -> a + "; " + b).orElse("nothing to judge");
        }
        return new ControlResult(control, status, why, verdicts, List.of());
    }

    static ControlResult without(Control control, Status status, String reason) {
        return new ControlResult(control, status, reason, List.of(), List.of());
    }
}
