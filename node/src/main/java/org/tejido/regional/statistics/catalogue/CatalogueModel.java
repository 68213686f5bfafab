package org.tejido.regional.statistics.catalogue;

import java.util.List;
import org.tejido.regional.statistics.disclosure.CellSpec;
import org.tejido.regional.statistics.disclosure.DisclosureControl;
import org.tejido.regional.statistics.disclosure.InnerCell;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.disclosure.ProtectedCell;

/**
 * A release before protection: the tables' shapes, the inner cells (sorted by key), every cell of every
 * table as the inner cells it adds up (table by table, row by row), and the public records that may be
 * listed. It holds counts and pseudonyms of the records, so it is the aggregator's and an auditor's,
 * never an output; only {@link #protect} makes something that may leave.
 */
public final class CatalogueModel {
    private final int year;
    private final String vocabularyVersion;
    private final List<TableLayout> tables;
    private final List<InnerCell> innerCells;
    private final List<CellSpec> cells;
    private final List<PublicListing> publicRecords;

    CatalogueModel(
            int year,
            String vocabularyVersion,
            List<TableLayout> tables,
            List<InnerCell> innerCells,
            List<CellSpec> cells,
            List<PublicListing> publicRecords) {
        this.year = year;
        this.vocabularyVersion = vocabularyVersion;
        this.tables = List.copyOf(tables);
        this.innerCells = List.copyOf(innerCells);
        this.cells = List.copyOf(cells);
        this.publicRecords = List.copyOf(publicRecords);
    }

    /**
     * Protects every cell of every table together, in one call of the engine, and keeps what may be
     * shown. Throws the engine's {@code UnprotectableRelease} when it cannot protect them: nothing is
     * released then.
     */
    public ProtectedRelease protect(Parameters parameters) {
        return protect(parameters, List.of());
    }

    /**
     * As {@link #protect(Parameters)}, knowing the cells earlier releases of the year published, each
     * as this model's inner cells ({@code DisclosureControl.protect} with cells published earlier).
     */
    public ProtectedRelease protect(Parameters parameters, List<CellSpec> publishedEarlier) {
        List<ProtectedCell> protectedCells = DisclosureControl.protect(innerCells, cells, publishedEarlier, parameters);
        return ProtectedRelease.assemble(this, parameters, protectedCells);
    }

    public int year() {
        return year;
    }

    public String vocabularyVersion() {
        return vocabularyVersion;
    }

    public List<TableLayout> tables() {
        return tables;
    }

    public List<InnerCell> innerCells() {
        return innerCells;
    }

    public List<CellSpec> cells() {
        return cells;
    }

    public List<PublicListing> publicRecords() {
        return publicRecords;
    }
}
