package dev.palisade.policy;

import java.util.List;
import java.util.function.Function;

/**
 * A typed field that policy criteria name, e.g. "Privileged Container". Container fields are computed per
 * container; the others once per subject.
 *
 * @param name        the name criteria use (matched case-insensitively)
 * @param target      the subjects it applies to
 * @param perContainer whether it is computed per container (workload target only)
 * @param description one line for {@code palisade policy fields}
 * @param extractor   computes the values for one subject (and container)
 */
public record Field(String name, Target target, boolean perContainer, ValueType type, String description,
                    Function<Subject, List<FieldValue>> extractor) {

    public List<FieldValue> values(Subject subject) {
        return extractor.apply(subject);
    }
}
