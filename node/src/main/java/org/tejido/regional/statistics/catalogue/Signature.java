package org.tejido.regional.statistics.catalogue;

import java.util.Optional;
import java.util.SortedSet;

/**
 * Every code a catalogue table uses, for one record: records with equal signatures fall in exactly the
 * same cells. For the dimensions with several codes per record, the sorted set of them.
 *
 * <p>Its key, e.g. {@code MX|2026-03|t:death-threat+harassment|p:police|r:|g:sexist-smear}, has six
 * fields separated by {@code |}; codes are drawn from the vocabulary, which never uses {@code |},
 * {@code +} or {@code #}, so the key is unambiguous and can be followed by a tag.
 */
record Signature(
        String country,
        String period,
        SortedSet<String> types,
        SortedSet<String> perpetrators,
        SortedSet<String> rights,
        SortedSet<String> elements) {

    String key() {
        return country + "|" + period + "|t:" + String.join("+", types) + "|p:" + String.join("+", perpetrators) + "|r:"
                + String.join("+", rights) + "|g:" + String.join("+", elements);
    }

    /** {@code YYYY-MM}, or empty when only the year is known. */
    Optional<String> month() {
        return period.length() == 7 ? Optional.of(period) : Optional.empty();
    }

    /** 1 to 12, or 0 when only the year is known. */
    int monthNumber() {
        return period.length() == 7 ? Integer.parseInt(period.substring(5)) : 0;
    }
}
