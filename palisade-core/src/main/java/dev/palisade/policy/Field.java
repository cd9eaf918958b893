package dev.palisade.policy;

import java.util.List;
import java.util.function.Function;

/**
 * A typed field that policy criteria name, e.g. "Privileged Container". Container fields are computed per
 * container, vulnerability fields per vulnerability of a container's image; the others once per subject.
 *
 * @param name        the name criteria use (matched case-insensitively)
 * @param target      the subjects it applies to
 * @param level       what one set of its values describes (containers and vulnerabilities: workload target only)
 * @param description one line for {@code palisade policy fields}
 * @param extractor   computes the values for one subject (container, vulnerability)
 */
public record Field(String name, Target target, Level level, ValueType type, String description,
                    Function<Subject, List<FieldValue>> extractor) {

    /** What a field's values describe, and so which subject computes them. */
    public enum Level {
        /** The workload or object as a whole. */
        SUBJECT,
        /** One container of a workload. */
        CONTAINER,
        /** One vulnerability of a container's image (image scan results). */
        VULNERABILITY
    }

    /** Whether it is computed per container: container and vulnerability fields. */
    public boolean perContainer() {
        return level != Level.SUBJECT;
    }

    public List<FieldValue> values(Subject subject) {
        return extractor.apply(subject);
    }
}
