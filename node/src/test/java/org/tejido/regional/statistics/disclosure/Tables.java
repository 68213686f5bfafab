package org.tejido.regional.statistics.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Builds the disclosure-control input from synthetic records: each record has its codes on two
 * dimensions (the second may hold several codes), a contributor and whether it is public; inner cells
 * are the distinct combinations, and published cells are named by a predicate over a record's codes.
 */
final class Tables {
    /** @param since the first release that counted the record (1, or 2 for one that came later) */
    record Rec(String row, Set<String> columns, String contributor, boolean isPublic, int since) {}

    private final List<Rec> records = new ArrayList<>();
    private final Map<String, Predicate<Rec>> definitions = new TreeMap<>();
    private final List<CellSpec> cells = new ArrayList<>();
    private int since = 1;

    /** Records added from now on arrived for release {@code release} (1 until said otherwise). */
    Tables arrivingFor(int release) {
        since = release;
        return this;
    }

    Tables add(String row, String column, String contributor) {
        records.add(new Rec(row, Set.of(column), contributor, false, since));
        return this;
    }

    Tables addMulti(String row, Set<String> columns, String contributor) {
        records.add(new Rec(row, new TreeSet<>(columns), contributor, false, since));
        return this;
    }

    Tables addPublic(String row, String column, String contributor) {
        records.add(new Rec(row, Set.of(column), contributor, true, since));
        return this;
    }

    /** n private records in one cell, each of a contributor of its own: name + i. */
    Tables many(String row, String column, int n, String contributor) {
        for (int i = 0; i < n; i++) {
            add(row, column, contributor + i);
        }
        return this;
    }

    /** The inner cell: the codes, and for a later arrival the release it came in. */
    static String key(Rec r) {
        String codes = r.row() + "|" + String.join("+", new TreeSet<>(r.columns()));
        return r.since() == 1 ? codes : codes + "#" + r.since();
    }

    List<InnerCell> inner() {
        Map<String, List<Rec>> byKey = new TreeMap<>();
        for (Rec r : records) {
            byKey.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        List<InnerCell> out = new ArrayList<>();
        byKey.forEach((key, recs) -> {
            TreeSet<String> contributors = new TreeSet<>();
            int priv = 0;
            int pub = 0;
            for (Rec r : recs) {
                if (r.isPublic()) {
                    pub++;
                } else {
                    priv++;
                    contributors.add(r.contributor());
                }
            }
            out.add(new InnerCell(key, priv, contributors, pub));
        });
        return out;
    }

    /** A published cell: the records the predicate keeps. */
    Tables cell(String id, Predicate<Rec> keep) {
        cells.add(spec(id, keep));
        definitions.put(id, keep);
        return this;
    }

    private CellSpec spec(String id, Predicate<Rec> keep) {
        Set<String> keys = new LinkedHashSet<>();
        for (Rec r : records) {
            if (keep.test(r)) {
                keys.add(key(r));
            }
        }
        return new CellSpec(id, new ArrayList<>(keys));
    }

    /** Which records the cell counts. */
    Predicate<Rec> definition(String id) {
        return definitions.get(id);
    }

    /**
     * The cells of an earlier release, as this input's inner cells: each counts the records of the same
     * definition that were there by that release. Its identifier is prefixed with the release.
     */
    List<CellSpec> asOfRelease(int release, Set<String> ids) {
        List<CellSpec> out = new ArrayList<>();
        for (String id : ids) {
            CellSpec s = spec("r" + release + ":" + id, definitions.get(id).and(r -> r.since() <= release));
            if (!s.innerKeys().isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The same records and cell definitions as they stood at an earlier release. */
    Tables asOf(int release) {
        Tables earlier = new Tables();
        records.stream().filter(r -> r.since() <= release).forEach(earlier.records::add);
        definitions.forEach(earlier::cell);
        return earlier;
    }

    /** Every row × column cell, the row and column totals and the grand total of a one-code table. */
    Tables crossWithTotals(List<String> rows, List<String> columns) {
        for (String r : rows) {
            for (String c : columns) {
                cell(r + "/" + c, x -> x.row().equals(r) && x.columns().contains(c));
            }
            cell(r + "/*", x -> x.row().equals(r));
        }
        for (String c : columns) {
            cell("*/" + c, x -> x.columns().contains(c));
        }
        cell("*/*", x -> true);
        return this;
    }

    List<CellSpec> cells() {
        return cells;
    }

    List<Rec> records() {
        return records;
    }
}
