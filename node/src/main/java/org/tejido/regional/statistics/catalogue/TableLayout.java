package org.tejido.regional.statistics.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * The shape of one table of the catalogue: its rows and columns, in order. A cell's identifier is
 * {@code <id>/<row key>/<column key>}.
 *
 * @param multiValuedColumns a record may count in several columns of one level (types, perpetrators,
 *     rights, elements): a parent is then not the sum of its children, only at least each of them
 */
public record TableLayout(
        String id, String es, String en, boolean multiValuedColumns, List<Header> rows, List<Header> columns) {
    public TableLayout {
        Objects.requireNonNull(id, "id");
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
    }

    public String cellId(String rowKey, String columnKey) {
        return id + "/" + rowKey + "/" + columnKey;
    }
}
