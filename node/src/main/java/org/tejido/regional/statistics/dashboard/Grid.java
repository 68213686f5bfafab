package org.tejido.regional.statistics.dashboard;

import java.util.List;
import org.tejido.regional.statistics.catalogue.Figure;

/**
 * A released table as the dashboard lays it out: categories down, countries across (the catalogue's
 * tables have countries down; a page reads better with the long list of categories down). Every
 * figure is a cell of the protected release, unchanged.
 *
 * @param table the release table it shows, which its downloads give whole
 * @param chart {@code line}, {@code bar} or {@code none}: how the page's script may draw it
 */
record Grid(
        String id,
        String table,
        String caption,
        String chart,
        List<Column> columns,
        List<Row> rows,
        String csv,
        String json) {
    Grid {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The same grid under another caption: for a part of a table shown on its own. */
    Grid titled(String other) {
        return new Grid(id, table, other, chart, columns, rows, csv, json);
    }

    /** A country, or all countries; {@code series} false for the total, which a chart leaves out. */
    record Column(String key, String label, boolean series) {}

    /**
     * A category; {@code level} is its place in the hierarchy (a group, a type, a total), {@code series}
     * false for a total, which a chart leaves out.
     */
    record Row(String key, String label, String level, boolean series, List<Cell> cells) {
        Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One figure, with the release cell it is ({@code <table>/<row>/<column>}): a count or "suppressed".
     * Its text and data attribute are made once here, so that the page's template only prints them.
     *
     * @param text the count, or the word for "suppressed" in the page's language
     */
    record Cell(String id, Figure figure, String text) {
        static Cell of(String id, Figure figure, String suppressedWord) {
            return new Cell(
                    id, figure, figure instanceof Figure.Published p ? Integer.toString(p.value()) : suppressedWord);
        }

        public boolean suppressed() {
            return figure instanceof Figure.Suppressed;
        }

        /** The count as the {@code data-value} attribute; null (no attribute) when suppressed. */
        public String dataValue() {
            return figure instanceof Figure.Published ? text : null;
        }
    }
}
