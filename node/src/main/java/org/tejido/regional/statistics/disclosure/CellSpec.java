package org.tejido.regional.statistics.disclosure;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A cell to publish: its identifier (table and coordinates, e.g. {@code country-by-type/MX/death-threat})
 * and the keys of the inner cells it adds up. Group and total cells name every inner cell under them, so
 * a group of a dimension with several codes per record counts each record once.
 */
public final class CellSpec {
    private final String id;
    private final List<String> innerKeys;

    public CellSpec(String id, List<String> innerKeys) {
        this.id = Objects.requireNonNull(id, "id");
        String[] sorted = innerKeys.toArray(String[]::new);
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].equals(sorted[i - 1])) {
                throw new IllegalArgumentException("inner cell named twice in " + id);
            }
        }
        this.innerKeys = List.of(sorted);
    }

    public String id() {
        return id;
    }

    /** The inner cells' keys, sorted. */
    public List<String> innerKeys() {
        return innerKeys;
    }
}
