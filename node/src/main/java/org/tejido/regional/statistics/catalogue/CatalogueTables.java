package org.tejido.regional.statistics.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.tejido.vocabulary.Scheme;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * The six tables of the catalogue (docs/disclosure-control.md, "Catalogue"), their headers from the
 * vocabulary, and for each the rows and columns a signature counts in. Every code of a scheme is a
 * header, retired ones included (older records still carry them), so that the shape of a release does
 * not depend on its data.
 */
final class CatalogueTables {
    /** A table with where a signature counts: a cell holds the signature iff both its row and column do. */
    record Definition(TableLayout layout, Function<Signature, int[]> rows, Function<Signature, int[]> columns) {}

    static final String TOTAL = "total";
    static final String ALL = "all";

    private final Vocabulary vocabulary;
    private final int year;
    private final List<Header> countryRows = new ArrayList<>();
    private final Map<String, Integer> countryIndex = new HashMap<>();

    private CatalogueTables(Vocabulary vocabulary, int year) {
        this.vocabulary = vocabulary;
        this.year = year;
        for (Term t : terms(SchemeName.COUNTRY)) {
            countryIndex.put(t.code(), countryRows.size());
            countryRows.add(new Header(t.code(), "country", Optional.of(ALL), t.es(), t.en(), t.retired()));
        }
        countryRows.add(Header.of(ALL, ALL, null, "Todos los países", "All countries"));
    }

    static List<Definition> of(Vocabulary vocabulary, int year) {
        CatalogueTables t = new CatalogueTables(vocabulary, year);
        return List.of(
                t.countryByPeriod(),
                t.countryByAggression(),
                t.countryByPerpetrator(),
                t.countryByRight(),
                t.countryByGenderElement(),
                t.periodByAggressionGroup());
    }

    private int[] countryRows(Signature s) {
        return new int[] {countryIndex.get(s.country()), countryRows.size() - 1};
    }

    private Definition countryByPeriod() {
        TableLayout layout = new TableLayout(
                "country-by-period",
                "Agresiones por país y periodo",
                "Attacks by country and period",
                false,
                countryRows,
                Periods.headers(year));
        return new Definition(layout, this::countryRows, Periods::indices);
    }

    private Definition countryByAggression() {
        Hierarchy h =
                Hierarchy.of(terms(SchemeName.AGGRESSION_TYPE), "type", terms(SchemeName.AGGRESSION_GROUP), "group");
        TableLayout layout = new TableLayout(
                "country-by-aggression",
                "Agresiones por país y tipo de agresión",
                "Attacks by country and type of aggression",
                true,
                countryRows,
                h.headers);
        return new Definition(layout, this::countryRows, s -> h.columns(s.types()));
    }

    private Definition countryByPerpetrator() {
        Hierarchy h = Hierarchy.of(
                terms(SchemeName.PERPETRATOR), "perpetrator", terms(SchemeName.PERPETRATOR_GROUP), "perpetrator-group");
        h.addNone("Sin presunto agresor registrado", "No alleged perpetrator recorded");
        TableLayout layout = new TableLayout(
                "country-by-perpetrator",
                "Agresiones por país y presunto agresor",
                "Attacks by country and alleged perpetrator",
                true,
                countryRows,
                h.headers);
        return new Definition(layout, this::countryRows, s -> h.columns(s.perpetrators()));
    }

    private Definition countryByRight() {
        Hierarchy h = Hierarchy.of(terms(SchemeName.RIGHT_DEFENDED), "right", List.of(), null);
        h.addNone("Sin derecho o causa registrada", "No right or cause recorded");
        TableLayout layout = new TableLayout(
                "country-by-right",
                "Agresiones por país y derecho o causa defendida",
                "Attacks by country and right or cause defended",
                true,
                countryRows,
                h.headers);
        return new Definition(layout, this::countryRows, s -> h.columns(s.rights()));
    }

    /** Elements and "any element": a record without one is not in this table. */
    private Definition countryByGenderElement() {
        List<Header> columns = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Term t : terms(SchemeName.GENDER_ELEMENT)) {
            index.put(t.code(), columns.size());
            columns.add(new Header("element:" + t.code(), "element", Optional.of("any"), t.es(), t.en(), t.retired()));
        }
        int any = columns.size();
        columns.add(Header.of("any", "any", null, "Algún elemento de género", "Any gender-based element"));
        TableLayout layout = new TableLayout(
                "country-by-gender-element",
                "Agresiones por país y elemento de género",
                "Attacks by country and gender-based element",
                true,
                countryRows,
                columns);
        return new Definition(layout, this::countryRows, s -> {
            if (s.elements().isEmpty()) {
                return new int[0];
            }
            int[] out = new int[s.elements().size() + 1];
            int k = 0;
            for (String e : s.elements()) {
                out[k++] = index.get(e);
            }
            out[k] = any;
            return out;
        });
    }

    private Definition periodByAggressionGroup() {
        Hierarchy h = Hierarchy.of(terms(SchemeName.AGGRESSION_GROUP), "group", List.of(), null);
        Map<String, String> groupOfType = new HashMap<>();
        for (Term t : terms(SchemeName.AGGRESSION_TYPE)) {
            groupOfType.put(t.code(), t.group());
        }
        TableLayout layout = new TableLayout(
                "period-by-aggression-group",
                "Agresiones por periodo y grupo de agresión",
                "Attacks by period and group of aggression",
                true,
                Periods.headers(year),
                h.headers);
        return new Definition(layout, Periods::indices, s -> {
            SortedSet<String> groups = new TreeSet<>();
            s.types().forEach(t -> groups.add(groupOfType.get(t)));
            return h.columns(groups);
        });
    }

    private List<Term> terms(SchemeName name) {
        return vocabulary
                .scheme(name.id())
                .map(Scheme::terms)
                .orElseThrow(() -> new IllegalStateException("vocabulary lacks " + name.id()));
    }

    /**
     * Codes, optionally their groups, then (see addNone) a column for records with no code, and the total
     * (each record once). Column keys are {@code <level>:<code>}, then {@code none} and {@code total}.
     */
    private static final class Hierarchy {
        final List<Header> headers = new ArrayList<>();
        final Map<String, Integer> codeIndex = new HashMap<>();
        final Map<String, Integer> groupIndex = new HashMap<>();
        final Map<String, String> groupOf = new HashMap<>();
        int none = -1;
        int total;

        static Hierarchy of(List<Term> codes, String level, List<Term> groups, String groupLevel) {
            Hierarchy h = new Hierarchy();
            for (Term t : codes) {
                String parent = TOTAL;
                if (groupLevel != null) {
                    if (groups.stream().noneMatch(g -> g.code().equals(t.group()))) {
                        throw new IllegalStateException(
                                "vocabulary: " + level + " " + t.code() + " has no known group");
                    }
                    parent = groupLevel + ":" + t.group();
                    h.groupOf.put(t.code(), t.group());
                }
                h.codeIndex.put(t.code(), h.headers.size());
                h.headers.add(
                        new Header(level + ":" + t.code(), level, Optional.of(parent), t.es(), t.en(), t.retired()));
            }
            for (Term g : groups) {
                h.groupIndex.put(g.code(), h.headers.size());
                h.headers.add(new Header(
                        groupLevel + ":" + g.code(), groupLevel, Optional.of(TOTAL), g.es(), g.en(), g.retired()));
            }
            h.total = h.headers.size();
            h.headers.add(Header.of(TOTAL, TOTAL, null, "Total", "Total"));
            return h;
        }

        /** A column, just before the total, for the records with no code in this dimension. */
        void addNone(String es, String en) {
            none = total;
            headers.add(none, Header.of("none", "none", TOTAL, es, en));
            total = headers.size() - 1;
        }

        /** Each code once, each group holding any of them once, none or total once. */
        int[] columns(SortedSet<String> codes) {
            SortedSet<Integer> out = new TreeSet<>();
            for (String code : codes) {
                out.add(codeIndex.get(code));
                String group = groupOf.get(code);
                if (group != null) {
                    out.add(groupIndex.get(group));
                }
            }
            if (codes.isEmpty() && none >= 0) {
                out.add(none);
            }
            out.add(total);
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
