package dev.palisade.image.catalog;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * "Field: value" paragraphs (field names are case-insensitive, as both formats define them) with indented continuation lines, separated by blank lines: dpkg's status files
 * (deb822) and Python's METADATA/PKG-INFO (RFC 822 headers). The first occurrence of a field wins.
 */
public final class ControlFields {

    private ControlFields() {
    }

    /** Every paragraph of {@code text}. */
    public static List<Map<String, String>> paragraphs(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String lastKey = null;
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                }
                lastKey = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t"))) {
                if (lastKey != null && current.containsKey(lastKey)) {
                    current.put(lastKey, current.get(lastKey) + "\n" + line.strip());
                }
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    lastKey = line.substring(0, colon).trim();
                    current.putIfAbsent(lastKey, line.substring(colon + 1).trim());
                } else {
                    lastKey = null;
                }
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The header block of an RFC 822 document (Python metadata): everything up to the first blank line. */
    public static Map<String, String> headers(String text) {
        int end = text.indexOf("\n\n");
        int endCrlf = text.indexOf("\r\n\r\n");
        int cut = end < 0 ? endCrlf : endCrlf < 0 ? end : Math.min(end, endCrlf);
        List<Map<String, String>> paragraphs = paragraphs(cut < 0 ? text : text.substring(0, cut));
        return paragraphs.isEmpty() ? Map.of() : paragraphs.get(0);
    }
}
