package dev.palisade.scan;

import java.util.ArrayList;
import java.util.List;

/** A small table of text: the body of an answer, rendered by every output format the same way. */
public record Table(List<String> columns, List<List<String>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> List.copyOf(row.stream().map(c -> c == null ? "" : c).toList())).toList();
    }

    public static Table empty() {
        return new Table(List.of(), List.of());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Collects rows for a table with the given columns. */
    public static final class Builder {
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();

        public Builder(String... columns) {
            this.columns = List.of(columns);
        }

        public Builder row(String... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size());
            }
            rows.add(java.util.Arrays.asList(cells));
            return this;
        }

        public Table build() {
            return new Table(columns, rows);
        }
    }
}
