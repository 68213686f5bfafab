package org.tejido.regional.statistics.release;

import java.util.Map;
import java.util.Set;

/**
 * What a later release of the same year must know of an earlier one: the tree size per origin it counted
 * up to, and the cells it published (their identifiers).
 */
record EarlierRelease(int number, Map<String, Long> sizes, Set<String> publishedCells) {
    EarlierRelease {
        sizes = Map.copyOf(sizes);
        publishedCells = Set.copyOf(publishedCells);
    }
}
