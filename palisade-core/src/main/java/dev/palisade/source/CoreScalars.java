package dev.palisade.source;

import java.math.BigInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Types plain YAML scalars by the YAML 1.2 core schema (null, booleans, decimal/octal/hex integers, floats),
 * by hand rather than with regular expressions: most scalars are names, and the first character rules them out.
 */
final class CoreScalars {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CoreScalars() {
    }

    static JsonNode resolve(String value) {
        if (value.isEmpty()) {
            return NODES.nullNode();
        }
        char first = value.charAt(0);
        switch (first) {
            case '~', 'n', 'N' -> {
                return value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL")
                        ? NODES.nullNode() : NODES.textNode(value);
            }
            case 't', 'T' -> {
                return value.equals("true") || value.equals("True") || value.equals("TRUE")
                        ? NODES.booleanNode(true) : NODES.textNode(value);
            }
            case 'f', 'F' -> {
                return value.equals("false") || value.equals("False") || value.equals("FALSE")
                        ? NODES.booleanNode(false) : NODES.textNode(value);
            }
            case '-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                return number(value);
            }
            default -> {
                return NODES.textNode(value);
            }
        }
    }

    private static JsonNode number(String value) {
        if (value.startsWith("0x") && digits(value, 2, 16)) {
            return integerNode(new BigInteger(value.substring(2), 16));
        }
        if (value.startsWith("0o") && digits(value, 2, 8)) {
            return integerNode(new BigInteger(value.substring(2), 8));
        }
        int start = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
        if (digits(value, start, 10)) {
            return integerNode(new BigInteger(value.charAt(0) == '+' ? value.substring(1) : value));
        }
        if (isFloat(value, start)) {
            double number = Double.parseDouble(value);
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(value);
        }
        return NODES.textNode(value); // includes .inf and .nan: not JSON numbers
    }

    /** True when value[from..] is one or more digits of the radix. */
    private static boolean digits(String value, int from, int radix) {
        if (from >= value.length()) {
            return false;
        }
        for (int i = from; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code (\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?} from {@code from}. */
    private static boolean isFloat(String value, int from) {
        int i = from;
        int length = value.length();
        int intDigits = 0;
        while (i < length && isDigit(value.charAt(i))) {
            i++;
            intDigits++;
        }
        int fractionDigits = 0;
        if (i < length && value.charAt(i) == '.') {
            i++;
            while (i < length && isDigit(value.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (intDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < length && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            i++;
            if (i < length && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && isDigit(value.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == length;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The narrowest integer node: fabric8's IntOrString accepts int nodes only. */
    static JsonNode integerNode(BigInteger number) {
        if (number.bitLength() < 32) {
            return NODES.numberNode(number.intValue());
        }
        return number.bitLength() < 64 ? NODES.numberNode(number.longValue()) : NODES.numberNode(number);
    }
}
