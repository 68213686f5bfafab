package org.tejido.regional.statistics.catalogue;

import java.util.Objects;
import java.util.Optional;

/**
 * A row or column of a table.
 *
 * @param key what the cell identifiers use: a country code, {@code all}, a period ({@code 2026-03},
 *     {@code 2026-Q1}, {@code 2026}), or a category with its level ({@code type:death-threat},
 *     {@code group:life}, {@code total}...)
 * @param level where it sits in its hierarchy ({@code country}, {@code all}, {@code month},
 *     {@code quarter}, {@code year}, {@code type}, {@code group}, {@code total}...)
 * @param parent the key of the header one level up in the same table, if any
 * @param retired the code is retired in the vocabulary: kept so that older records still count
 */
public record Header(String key, String level, Optional<String> parent, String es, String en, boolean retired) {
    public Header {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(es, "es");
        Objects.requireNonNull(en, "en");
    }

    static Header of(String key, String level, String parent, String es, String en) {
        return new Header(key, level, Optional.ofNullable(parent), es, en, false);
    }
}
