package dev.palisade.report;

import java.util.Locale;

/** The formats {@code palisade scan -o} writes; a new format is a renderer plus a constant here. */
public enum OutputFormat {
    TABLE, JSON, SARIF, HTML;

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + text + "' (expected table, json, sarif or html)");
        }
    }

    /** The renderer; {@code colour} only matters for the table. */
    public ReportRenderer renderer(boolean colour) {
        return switch (this) {
            case TABLE -> new TableRenderer(colour);
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer();
            case HTML -> new HtmlRenderer();
        };
    }
}
