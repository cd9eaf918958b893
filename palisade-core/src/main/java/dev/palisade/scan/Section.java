package dev.palisade.scan;

/**
 * A part of the report beside the twelve answers (for example RBAC), built from findings like the answers are.
 */
public record Section(String title, String summary, Table table) {

    public Section {
        table = table == null ? Table.empty() : table;
    }
}
