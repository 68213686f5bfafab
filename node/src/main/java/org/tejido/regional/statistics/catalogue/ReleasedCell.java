package org.tejido.regional.statistics.catalogue;

import java.util.Objects;

/** One cell of a released table: its identifier ({@code <table>/<row>/<column>}) and what it shows. */
public record ReleasedCell(String id, String row, String column, Figure figure) {
    public ReleasedCell {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(figure, "figure");
    }
}
