package org.tejido.regional.statistics.catalogue;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which part of an already protected release to show: tables by identifier, and rows and columns by key
 * along three dimensions. An absent dimension keeps everything. A selection only picks cells: it never
 * protects again, because protecting a part on its own would publish cells the whole release
 * suppresses, and the two together would give them back by difference.
 *
 * @param countries row keys of the country tables: country codes and {@code all}
 * @param periods month, quarter and year keys ({@code 2026-03}, {@code 2026-Q1}, {@code 2026}), as rows
 *     or columns
 * @param categories the other column keys ({@code type:death-threat}, {@code group:life},
 *     {@code perpetrator-group:state}, {@code right:environment}, {@code element:sexist-smear},
 *     {@code none}, {@code any}, {@code total})
 */
public record Selection(
        Optional<SortedSet<String>> tables,
        Optional<SortedSet<String>> countries,
        Optional<SortedSet<String>> periods,
        Optional<SortedSet<String>> categories) {
    public static final Selection ALL =
            new Selection(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Selection {
        tables = frozen(tables);
        countries = frozen(countries);
        periods = frozen(periods);
        categories = frozen(categories);
    }

    public Selection withTables(String... ids) {
        return new Selection(set(ids), countries, periods, categories);
    }

    public Selection withCountries(String... keys) {
        return new Selection(tables, set(keys), periods, categories);
    }

    public Selection withPeriods(String... keys) {
        return new Selection(tables, countries, set(keys), categories);
    }

    public Selection withCategories(String... keys) {
        return new Selection(tables, countries, periods, set(keys));
    }

    /** What both selections keep. */
    Selection and(Selection other) {
        return new Selection(
                both(tables, other.tables),
                both(countries, other.countries),
                both(periods, other.periods),
                both(categories, other.categories));
    }

    boolean isAll() {
        return equals(ALL);
    }

    /** The dimension a header belongs to, by its level. */
    static String dimensionOf(Header header) {
        return switch (header.level()) {
            case "country", "all" -> "countries";
            case "month", "quarter", "year" -> "periods";
            default -> "categories";
        };
    }

    Optional<SortedSet<String>> dimension(String name) {
        return switch (name) {
            case "countries" -> countries;
            case "periods" -> periods;
            case "categories" -> categories;
            case "tables" -> tables;
            default -> throw new IllegalArgumentException(name);
        };
    }

    boolean keeps(Header header) {
        return dimension(dimensionOf(header))
                .map(keys -> keys.contains(header.key()))
                .orElse(true);
    }

    private static Optional<SortedSet<String>> set(String... keys) {
        Arrays.stream(keys).forEach(k -> Objects.requireNonNull(k, "key"));
        return Optional.of(new TreeSet<>(Arrays.asList(keys)));
    }

    private static Optional<SortedSet<String>> both(Optional<SortedSet<String>> a, Optional<SortedSet<String>> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        SortedSet<String> out = new TreeSet<>(a.get());
        out.retainAll(b.get());
        return Optional.of(out);
    }

    private static Optional<SortedSet<String>> frozen(Optional<SortedSet<String>> keys) {
        Objects.requireNonNull(keys, "keys");
        return keys.map(k -> Collections.unmodifiableSortedSet(new TreeSet<>(k)));
    }
}
