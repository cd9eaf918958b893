package dev.palisade.policy;

import java.util.List;

/** One condition of a section: a typed field with values, or a CEL expression. */
public sealed interface Criterion permits Criterion.OnField, Criterion.Cel {

    boolean perContainer();

    /** Whether it is about one vulnerability of a container's image (a vulnerability field). */
    default boolean perVulnerability() {
        return false;
    }

    /**
     * A field criterion: matches when any value matches (all of them with {@code all}), or, negated, when
     * none does.
     */
    record OnField(Field field, List<String> values, boolean all, boolean negate, List<ValueMatcher> matchers)
            implements Criterion {

        public OnField {
            values = List.copyOf(values);
            matchers = List.copyOf(matchers);
        }

        @Override
        public boolean perContainer() {
            return field.perContainer();
        }

        @Override
        public boolean perVulnerability() {
            return field.level() == Field.Level.VULNERABILITY;
        }

        /** The matching field values (for messages), or null when the criterion does not hold. */
        List<FieldValue> match(List<FieldValue> fieldValues) {
            List<FieldValue> matched = new java.util.ArrayList<>();
            boolean holds;
            if (all) {
                holds = true;
                for (ValueMatcher matcher : matchers) {
                    boolean any = false;
                    for (FieldValue value : fieldValues) {
                        if (matcher.matches(value.value())) {
                            any = true;
                            matched.add(value);
                        }
                    }
                    holds &= any;
                }
            } else {
                for (FieldValue value : fieldValues) {
                    for (ValueMatcher matcher : matchers) {
                        if (matcher.matches(value.value())) {
                            matched.add(value);
                            break;
                        }
                    }
                }
                holds = !matched.isEmpty();
            }
            if (negate) {
                return holds ? null : List.of(FieldValue.of("", "", "no " + field.name().toLowerCase(java.util.Locale.ROOT)
                        + " matching " + String.join(" or ", values)));
            }
            return holds ? matched : null;
        }
    }

    /**
     * A CEL expression over {@code object}, {@code podSpec}, {@code container} and {@code namespaceObject}; it
     * holds when it evaluates to true.
     */
    record Cel(String expression, CelExpression program, boolean usesContainer) implements Criterion {

        @Override
        public boolean perContainer() {
            return usesContainer;
        }

        boolean holds(Subject subject) {
            return program.test(subject.celVariables(program.variables()));
        }
    }
}
