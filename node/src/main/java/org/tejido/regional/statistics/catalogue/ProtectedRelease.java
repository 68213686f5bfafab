package org.tejido.regional.statistics.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.tejido.regional.statistics.disclosure.DisclosureControl;
import org.tejido.regional.statistics.disclosure.Outcome;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.disclosure.ProtectedCell;

/**
 * A protected release of the catalogue: what every output (API, CSV, JSON, dashboard, print) shows,
 * and nothing else. Each cell is a count or "suppressed" ({@link Figure}); no hidden count is in it.
 * Immutable; {@link #select} picks parts of it without protecting again, and {@link #canonicalJson} is
 * its one byte form.
 *
 * @param catalogue {@link Catalogue#VERSION}
 * @param vocabulary the version of the code lists its labels come from
 * @param algorithm the disclosure-control method ({@code DisclosureControl.ALGORITHM})
 * @param selection what part of the whole release this is ({@link Selection#ALL}: all of it)
 */
public record ProtectedRelease(
        String catalogue,
        int year,
        String vocabulary,
        String algorithm,
        Parameters parameters,
        Selection selection,
        List<ReleasedTable> tables,
        List<PublicListing> publicRecords) {
    public ProtectedRelease {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(selection, "selection");
        tables = List.copyOf(tables);
        publicRecords = List.copyOf(publicRecords);
    }

    static ProtectedRelease assemble(CatalogueModel model, Parameters parameters, List<ProtectedCell> protectedCells) {
        Map<String, Outcome> outcomes = new HashMap<>();
        protectedCells.forEach(c -> outcomes.put(c.id(), c.outcome()));
        List<ReleasedTable> tables = new ArrayList<>();
        for (TableLayout layout : model.tables()) {
            List<ReleasedCell> cells = new ArrayList<>();
            for (Header row : layout.rows()) {
                for (Header column : layout.columns()) {
                    String id = layout.cellId(row.key(), column.key());
                    Outcome outcome = outcomes.get(id);
                    if (outcome == null) {
                        throw new IllegalStateException("the engine returned no outcome for " + id);
                    }
                    Figure figure = outcome instanceof Outcome.Published p
                            ? new Figure.Published(p.value())
                            : Figure.SUPPRESSED;
                    cells.add(new ReleasedCell(id, row.key(), column.key(), figure));
                }
            }
            tables.add(new ReleasedTable(layout, cells));
        }
        return new ProtectedRelease(
                Catalogue.VERSION,
                model.year(),
                model.vocabularyVersion(),
                DisclosureControl.ALGORITHM,
                parameters,
                Selection.ALL,
                tables,
                model.publicRecords());
    }

    public Optional<ReleasedTable> table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * The part of this release the selection keeps: the same figures, never recomputed (a protection
     * of the part alone would leak by difference with the whole). A table left without rows or columns
     * is left out. Public records are kept by country and period. Refuses a key that no table of this
     * release has ({@link CatalogueRefusal#UNKNOWN_SELECTION}, naming the dimension).
     */
    public ProtectedRelease select(Selection wanted) {
        requireKnown(wanted);
        List<ReleasedTable> kept = new ArrayList<>();
        for (ReleasedTable table : tables) {
            if (wanted.tables().isPresent() && !wanted.tables().get().contains(table.id())) {
                continue;
            }
            TableLayout layout = table.layout();
            List<Header> rows = layout.rows().stream().filter(wanted::keeps).toList();
            List<Header> columns =
                    layout.columns().stream().filter(wanted::keeps).toList();
            if (rows.isEmpty() || columns.isEmpty()) {
                continue;
            }
            Set<String> rowKeys = keys(rows);
            Set<String> columnKeys = keys(columns);
            List<ReleasedCell> cells = table.cells().stream()
                    .filter(c -> rowKeys.contains(c.row()) && columnKeys.contains(c.column()))
                    .toList();
            kept.add(new ReleasedTable(
                    new TableLayout(layout.id(), layout.es(), layout.en(), layout.multiValuedColumns(), rows, columns),
                    cells));
        }
        List<PublicListing> listed = publicRecords.stream()
                .filter(l ->
                        wanted.countries().map(c -> c.contains(l.country())).orElse(true))
                .filter(l -> wanted.periods().map(p -> inPeriods(l.period(), p)).orElse(true))
                .toList();
        return new ProtectedRelease(
                catalogue, year, vocabulary, algorithm, parameters, selection.and(wanted), kept, listed);
    }

    /** The release's one byte form (RFC 8785 style canonical JSON, UTF-8): what will be signed. */
    public byte[] canonicalJson() {
        return CanonicalJson.of(this);
    }

    private void requireKnown(Selection wanted) {
        Map<String, Set<String>> known = new HashMap<>();
        for (ReleasedTable table : tables) {
            known.computeIfAbsent("tables", k -> new HashSet<>()).add(table.id());
            for (Header h : table.layout().rows()) {
                known.computeIfAbsent(Selection.dimensionOf(h), k -> new HashSet<>())
                        .add(h.key());
            }
            for (Header h : table.layout().columns()) {
                known.computeIfAbsent(Selection.dimensionOf(h), k -> new HashSet<>())
                        .add(h.key());
            }
        }
        for (String dimension : List.of("tables", "countries", "periods", "categories")) {
            Optional<SortedSet<String>> keys = wanted.dimension(dimension);
            if (keys.isPresent() && !known.getOrDefault(dimension, Set.of()).containsAll(keys.get())) {
                throw new CatalogueRefusal(CatalogueRefusal.UNKNOWN_SELECTION, dimension);
            }
        }
    }

    private static Set<String> keys(List<Header> headers) {
        return new HashSet<>(headers.stream().map(Header::key).toList());
    }

    /** A record's period is in the selection when its month, its quarter or its year is. */
    private static boolean inPeriods(String period, SortedSet<String> selected) {
        String year = period.substring(0, 4);
        if (selected.contains(year) || selected.contains(period)) {
            return true;
        }
        if (period.length() == 7) {
            int month = Integer.parseInt(period.substring(5));
            return selected.contains(year + "-Q" + ((month - 1) / 3 + 1));
        }
        return false;
    }
}
