package dev.palisade.inventory;

/**
 * Where an object came from: a manifest file (with 1-based document index and line), stdin, or a
 * live-cluster endpoint (document and line 0).
 */
public record SourceLocation(String origin, int document, int line) {

    public static SourceLocation endpoint(String endpoint) {
        return new SourceLocation(endpoint, 0, 0);
    }

    public static SourceLocation file(String file) {
        return new SourceLocation(file, 0, 0);
    }

    public SourceLocation withLine(int newLine) {
        return new SourceLocation(origin, document, newLine);
    }

    public boolean hasLine() {
        return line > 0;
    }

    /** {@code file.yaml: document 2, line 14}; only the parts that are known. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(origin);
        if (document > 0) {
            text.append(": document ").append(document);
        }
        if (line > 0) {
            text.append(document > 0 ? ", line " : ": line ").append(line);
        }
        return text.toString();
    }
}
