package org.tejido.regional.statistics.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.disclosure.CellSpec;
import org.tejido.regional.statistics.disclosure.InnerCell;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * The catalogue of published tables for one calendar year (docs/disclosure-control.md, "Catalogue"):
 * builds the disclosure-control model of a release from the records, every table and hierarchy level
 * at once, so that one call of the engine protects them together.
 *
 * <p>Inner cells are the records sharing a {@link Signature} and a tag. The tag is a function of the
 * record given by the caller (by default none): it splits inner cells further, e.g. by whether a record
 * was counted in an earlier release, while every cell takes the inner cells of its signatures whatever
 * their tag.
 */
public final class Catalogue {
    /** Named in every release: the tables, their identifiers and the counting rules. */
    public static final String VERSION = "tejido-catalogue/v1";

    private static final Pattern PERIOD = Pattern.compile("\\d{4}(-(0[1-9]|1[0-2]))?");
    private static final Function<StatisticsRecord, String> NO_TAG = r -> "";

    private final Vocabulary vocabulary;

    public Catalogue(Vocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    }

    /** The countries the tables have a row for, in the vocabulary's order, retired ones included. */
    public List<Header> countries() {
        return CatalogueTables.of(vocabulary, 2000).get(0).layout().rows().stream()
                .filter(h -> h.level().equals("country"))
                .toList();
    }

    /** The protected release of a year's records: {@link #model} then one protection. */
    public ProtectedRelease release(int year, Collection<StatisticsRecord> records, Parameters parameters) {
        return model(year, records).protect(parameters);
    }

    public CatalogueModel model(int year, Collection<StatisticsRecord> records) {
        return model(year, records, NO_TAG);
    }

    /**
     * The model of the release for {@code year}: records of other years are left out. Refuses the whole
     * input ({@link CatalogueRefusal}) when a record's period is malformed, a code is unknown to the
     * vocabulary, or a record has no aggression type.
     *
     * @param tag a text per record appended to its inner cell's key (never null; empty: no split)
     */
    public CatalogueModel model(
            int year, Collection<StatisticsRecord> records, Function<StatisticsRecord, String> tag) {
        if (year < 1000 || year > 9999) {
            throw new CatalogueRefusal(CatalogueRefusal.INVALID_YEAR);
        }
        String yearKey = Integer.toString(year);
        List<CatalogueTables.Definition> tables = CatalogueTables.of(vocabulary, year);
        Map<String, Group> groups = new HashMap<>();
        List<PublicListing> listings = new ArrayList<>();
        for (StatisticsRecord r : records) {
            if (!PERIOD.matcher(r.period()).matches()) {
                throw new CatalogueRefusal(CatalogueRefusal.INVALID_PERIOD);
            }
            if (!r.year().equals(yearKey)) {
                continue;
            }
            Signature signature = signatureOf(r);
            String t = Objects.requireNonNull(tag.apply(r), "tag");
            String key = t.isEmpty() ? signature.key() : signature.key() + TAG_SEPARATOR + t;
            groups.computeIfAbsent(key, k -> new Group(signature)).add(r);
            if (r.isPublic()) {
                listings.add(
                        new PublicListing(r.publicName(), r.country(), r.period(), List.copyOf(r.aggressionTypes())));
            }
        }
        List<String> keys = new ArrayList<>(groups.keySet());
        Collections.sort(keys);
        List<InnerCell> inner = new ArrayList<>(keys.size());
        List<List<List<String>>> members = new ArrayList<>();
        for (CatalogueTables.Definition d : tables) {
            List<List<String>> cells = new ArrayList<>();
            for (int i = 0; i < d.layout().rows().size() * d.layout().columns().size(); i++) {
                cells.add(new ArrayList<>());
            }
            members.add(cells);
        }
        for (String key : keys) {
            Group g = groups.get(key);
            inner.add(new InnerCell(key, g.privateRecords, g.countedContributors(), g.publicRecords));
            for (int t = 0; t < tables.size(); t++) {
                CatalogueTables.Definition d = tables.get(t);
                int width = d.layout().columns().size();
                List<List<String>> cells = members.get(t);
                int[] columns = d.columns().apply(g.signature);
                for (int row : d.rows().apply(g.signature)) {
                    for (int column : columns) {
                        cells.get(row * width + column).add(key);
                    }
                }
            }
        }
        List<CellSpec> specs = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            TableLayout layout = tables.get(t).layout();
            int width = layout.columns().size();
            for (int row = 0; row < layout.rows().size(); row++) {
                for (int column = 0; column < width; column++) {
                    specs.add(new CellSpec(
                            layout.cellId(
                                    layout.rows().get(row).key(),
                                    layout.columns().get(column).key()),
                            members.get(t).get(row * width + column)));
                }
            }
        }
        listings.sort(PublicListing.ORDER);
        return new CatalogueModel(
                year,
                vocabulary.version(),
                tables.stream().map(CatalogueTables.Definition::layout).toList(),
                inner,
                specs,
                listings);
    }

    /**
     * The key of the inner cell a record falls in (without a tag): records with equal keys fall in
     * exactly the same cells. Refuses a record as {@link #model} does.
     */
    public String innerKey(StatisticsRecord r) {
        return signatureOf(r).key();
    }

    /** The separator between an inner cell's signature and its tag; the vocabulary's codes never hold it. */
    public static final String TAG_SEPARATOR = "|#";

    private Signature signatureOf(StatisticsRecord r) {
        known(SchemeName.COUNTRY, List.of(r.country()));
        if (r.aggressionTypes().isEmpty()) {
            throw new CatalogueRefusal(CatalogueRefusal.NO_AGGRESSION_TYPE);
        }
        known(SchemeName.AGGRESSION_TYPE, r.aggressionTypes());
        SortedSet<String> perpetrators = new TreeSet<>();
        r.perpetrators().forEach(p -> perpetrators.add(p.perpetrator()));
        known(SchemeName.PERPETRATOR, perpetrators);
        known(SchemeName.RIGHT_DEFENDED, r.rightsDefended());
        known(SchemeName.GENDER_ELEMENT, r.genderElements());
        return new Signature(
                r.country(),
                r.period(),
                r.aggressionTypes(),
                Collections.unmodifiableSortedSet(perpetrators),
                r.rightsDefended(),
                r.genderElements());
    }

    /** Retired codes are known: records made before a code was retired keep counting under it. */
    private void known(SchemeName scheme, Collection<String> codes) {
        for (String code : codes) {
            Optional<Term> term = vocabulary.find(scheme, code);
            if (term.isEmpty()) {
                throw new CatalogueRefusal(CatalogueRefusal.UNKNOWN_CODE, scheme.id());
            }
        }
    }

    /** The records of one inner cell, as they are counted. */
    private static final class Group {
        final Signature signature;
        final TreeSet<String> contributors = new TreeSet<>();
        int privateRecords;
        int publicRecords;

        Group(Signature signature) {
            this.signature = signature;
        }

        void add(StatisticsRecord r) {
            if (r.isPublic()) {
                publicRecords++;
            } else {
                privateRecords++;
                contributors.addAll(r.contributors());
            }
        }

        /**
         * The engine takes at most one contributor per private record ({@link InnerCell}), while an
         * attack on several people names each. Keeping the first ones in order counts fewer people than
         * there are, never more: a cell can only be suppressed more often, never published when it
         * should not.
         */
        SortedSet<String> countedContributors() {
            if (contributors.size() <= privateRecords) {
                return contributors;
            }
            return new TreeSet<>(contributors.stream().limit(privateRecords).toList());
        }
    }
}
