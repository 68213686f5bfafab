package org.tejido.regional.statistics.disclosure;

import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The records that share every code the release's tables use (for a dimension with several codes per
 * record, the set of them): the unit every published cell is an exact sum of. Private records are
 * those of a non-public scope; public ones are counted too but known to anyone (they may be listed by
 * their public name), so they never make a cell sensitive and the attacker is assumed to know them.
 *
 * @param key a stable text naming the combination (it orders the inner cells, for determinism)
 * @param privateContributors pseudonyms of the distinct people or collectives behind the private records
 */
public record InnerCell(String key, int privateRecords, SortedSet<String> privateContributors, int publicRecords) {
    public InnerCell {
        Objects.requireNonNull(key, "key");
        if (privateRecords < 0 || publicRecords < 0) {
            throw new IllegalArgumentException("negative count in " + key);
        }
        privateContributors = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(privateContributors));
        if (privateRecords == 0 != privateContributors.isEmpty() || privateContributors.size() > privateRecords) {
            throw new IllegalArgumentException("contributors do not match the private records in " + key);
        }
    }

    int records() {
        return privateRecords + publicRecords;
    }
}
