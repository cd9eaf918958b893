package dev.palisade.policy;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A compiled criterion value for one value type. */
public sealed interface ValueMatcher permits ValueMatcher.Bool, ValueMatcher.Regex, ValueMatcher.Compare,
        ValueMatcher.KeyValue {

    boolean matches(String fieldValue);

    /** Compiles a criterion value; fails with a message fit for {@code palisade policy lint}. */
    static ValueMatcher compile(ValueType type, String value) {
        return switch (type) {
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("'" + value + "' is not a boolean (true or false)");
                }
                yield new Bool(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
            }
            case STRING -> new Regex(regex(value), fastPath(value));
            case NUMBER -> Compare.parse(value);
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

    /** {@code <}, {@code <=}, {@code >}, {@code >=}, {@code =} (the default) against a decimal. */
    record Compare(String operator, BigDecimal operand) implements ValueMatcher {

        static Compare parse(String text) {
            String value = text.trim();
            String operator = "=";
            for (String candidate : new String[] {"<=", ">=", "==", "<", ">", "="}) {
                if (value.startsWith(candidate)) {
                    operator = candidate.equals("==") ? "=" : candidate;
                    value = value.substring(candidate.length()).trim();
                    break;
                }
            }
            try {
                return new Compare(operator, new BigDecimal(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number with an optional comparator"
                        + " (<, <=, >, >=, =)");
            }
        }

        @Override
        public boolean matches(String fieldValue) {
            BigDecimal actual;
            try {
                actual = new BigDecimal(fieldValue);
            } catch (NumberFormatException e) {
                return false;
            }
            int c = actual.compareTo(operand);
            return switch (operator) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> c == 0;
            };
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
