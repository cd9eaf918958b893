package dev.palisade.policy;

import dev.palisade.vuln.VulnSeverity;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A compiled criterion value for one value type. */
public sealed interface ValueMatcher permits ValueMatcher.Bool, ValueMatcher.Regex, ValueMatcher.Compare,
        ValueMatcher.KeyValue, ValueMatcher.CompareSeverity {

    boolean matches(String fieldValue);

    /** Compiles a criterion value; fails with a message fit for {@code palisade policy lint}. */
    static ValueMatcher compile(ValueType type, String value) {
        return switch (type) {
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("'" + value + "' is not a boolean (true or false)");
                }
                yield new Bool(Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
            }
            case STRING -> new Regex(regex(value), fastPath(value));
            case NUMBER -> Compare.parse(value);
            case SEVERITY -> CompareSeverity.parse(value);
            case KEY_VALUE -> {
                int equals = value.indexOf('=');
                Pattern key = regex(equals < 0 ? value : value.substring(0, equals));
                Pattern val = equals < 0 ? null : regex(value.substring(equals + 1));
                yield new KeyValue(key, val);
            }
        };
    }

    private static Pattern regex(String text) {
        try {
            return Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getDescription());
        }
    }

    record Bool(boolean expected) implements ValueMatcher {
        @Override
        public boolean matches(String fieldValue) {
            return Boolean.parseBoolean(fieldValue) == expected;
        }
    }

    /**
     * A regex that needs no regex engine: {@code .*} (anything), {@code .+} (anything but empty), or text without
     * metacharacters (a case-insensitive comparison). Null when the regex engine is needed.
     */
    private static java.util.function.Predicate<String> fastPath(String regex) {
        if (regex.equals(".*")) {
            return v -> true;
        }
        if (regex.equals(".+")) {
            return v -> !v.isEmpty();
        }
        return regex.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '/'
                || c == '=' || c == ' ') ? v -> v.equalsIgnoreCase(regex) : null;
    }

    /** A regular expression matched against the whole value, case-insensitively. */
    record Regex(Pattern pattern, java.util.function.Predicate<String> fast) implements ValueMatcher {
        @Override
        public boolean matches(String fieldValue) {
            return fast != null ? fast.test(fieldValue) : pattern.matcher(fieldValue).matches();
        }
    }

    /** An operator, {@code <}, {@code <=}, {@code >}, {@code >=} or {@code =} (the default), and its operand. */
    record Comparison(String operator, String operand) {

        static Comparison parse(String text) {
            String value = text.trim();
            for (String candidate : new String[] {"<=", ">=", "==", "<", ">", "="}) {
                if (value.startsWith(candidate)) {
                    return new Comparison(candidate.equals("==") ? "=" : candidate,
                            value.substring(candidate.length()).trim());
                }
            }
            return new Comparison("=", value);
        }

        /** Whether a field value that compares to the operand as {@code c} (negative: less) satisfies it. */
        boolean holds(int c) {
            return switch (operator) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> c == 0;
            };
        }
    }

    /** A comparison against a decimal. */
    record Compare(Comparison comparison, BigDecimal operand) implements ValueMatcher {

        static Compare parse(String text) {
            Comparison comparison = Comparison.parse(text);
            try {
                return new Compare(comparison, new BigDecimal(comparison.operand()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number with an optional comparator"
                        + " (<, <=, >, >=, =)");
            }
        }

        @Override
        public boolean matches(String fieldValue) {
            try {
                return comparison.holds(new BigDecimal(fieldValue).compareTo(operand));
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /** A comparison against a vulnerability severity, least to most severe. */
    record CompareSeverity(Comparison comparison, VulnSeverity operand) implements ValueMatcher {

        static CompareSeverity parse(String text) {
            Comparison comparison = Comparison.parse(text);
            VulnSeverity severity = severity(comparison.operand());
            if (severity == null) {
                throw new IllegalArgumentException("'" + text + "' is not a severity (low, moderate, important,"
                        + " critical, unknown; or medium, high) with an optional comparator (<, <=, >, >=, =)");
            }
            return new CompareSeverity(comparison, severity);
        }

        /**
         * A severity by name: Palisade's (low, medium, high, critical, unknown), StackRox's (low, moderate,
         * important, critical), with or without StackRox's {@code _SEVERITY} or {@code _VULNERABILITY_SEVERITY}
         * suffix; null for anything else.
         */
        static VulnSeverity severity(String name) {
            String plain = name.strip().toLowerCase(Locale.ROOT).replaceFirst("(_vulnerability)?_severity$", "");
            return switch (plain) {
                case "unknown" -> VulnSeverity.UNKNOWN;
                case "low" -> VulnSeverity.LOW;
                case "moderate", "medium" -> VulnSeverity.MEDIUM;
                case "important", "high" -> VulnSeverity.HIGH;
                case "critical" -> VulnSeverity.CRITICAL;
                default -> null;
            };
        }

        @Override
        public boolean matches(String fieldValue) {
            VulnSeverity severity = severity(fieldValue);
            return severity != null && comparison.holds(severity.compareTo(operand));
        }
    }

    record KeyValue(Pattern key, Pattern value) implements ValueMatcher {
        @Override
        public boolean matches(String fieldValue) {
            int equals = fieldValue.indexOf('=');
            String k = equals < 0 ? fieldValue : fieldValue.substring(0, equals);
            String v = equals < 0 ? "" : fieldValue.substring(equals + 1);
            return key.matcher(k).matches() && (value == null || value.matcher(v).matches());
        }
    }
}
