package dev.palisade.report;

import java.util.Locale;

/** The {@code -o table|json} choice of the query commands (rbac, netpol, risk): true for JSON. */
public final class TableOrJson {

    private TableOrJson() {
    }

    /** Parses the format; an unknown one is an error naming the accepted ones. */
    public static boolean json(String format) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "table" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("unknown output format '" + format + "' (expected table or json)");
        };
    }
}
