package dev.palisade.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueMatcherTest {

    @Test
    void severitiesCompareInOrderUnderPalisadesAndStackRoxsNames() {
        ValueMatcher atLeastImportant = ValueMatcher.compile(ValueType.SEVERITY, ">= IMPORTANT");

        assertThat(atLeastImportant.matches("high")).isTrue();
        assertThat(atLeastImportant.matches("critical")).isTrue();
        assertThat(atLeastImportant.matches("medium")).isFalse();
        assertThat(atLeastImportant.matches("unknown")).isFalse();
        assertThat(ValueMatcher.compile(ValueType.SEVERITY, "moderate").matches("medium")).isTrue();
        assertThat(ValueMatcher.compile(ValueType.SEVERITY, "CRITICAL_VULNERABILITY_SEVERITY").matches("critical"))
                .isTrue();
        assertThat(ValueMatcher.compile(ValueType.SEVERITY, "< low").matches("unknown")).isTrue();
    }

    @Test
    void severityCriteriaNameKnownSeverities() {
        assertThatThrownBy(() -> ValueMatcher.compile(ValueType.SEVERITY, ">= severe"))
                .hasMessageStartingWith("'>= severe' is not a severity (low, moderate, important, critical");
    }

    @Test
    void numbersCompareWithTheirOperator() {
        assertThat(ValueMatcher.compile(ValueType.NUMBER, ">= 7").matches("7.0")).isTrue();
        assertThat(ValueMatcher.compile(ValueType.NUMBER, "> 30").matches("30")).isFalse();
        assertThat(ValueMatcher.compile(ValueType.NUMBER, "== 2").matches("2")).isTrue();
        assertThat(ValueMatcher.compile(ValueType.NUMBER, "0").matches("not a number")).isFalse();
    }
}
