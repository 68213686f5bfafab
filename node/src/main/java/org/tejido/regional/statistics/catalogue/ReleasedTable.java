package org.tejido.regional.statistics.catalogue;

import java.util.List;
import java.util.Optional;

/** A table of a release: its shape and its cells, row by row in header order. */
public record ReleasedTable(TableLayout layout, List<ReleasedCell> cells) {
    public ReleasedTable {
        cells = List.copyOf(cells);
    }

    public String id() {
        return layout.id();
    }

    public Optional<ReleasedCell> cell(String rowKey, String columnKey) {
        String id = layout.cellId(rowKey, columnKey);
        return cells.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
