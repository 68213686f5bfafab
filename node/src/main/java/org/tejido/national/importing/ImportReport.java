package org.tejido.national.importing;

import java.util.List;

/** What an import did: rows read, rows written, and every row refused with its reason. */
record ImportReport(int rowsRead, int imported, List<CsvRow.Rejected> rejected, ImportMode mode) {
    ImportReport {
        rejected = List.copyOf(rejected);
    }

    /** All-or-nothing with a bad row: nothing was written, and the caller must hear it as a refusal. */
    boolean refused() {
        return mode == ImportMode.ALL_OR_NOTHING && !rejected.isEmpty();
    }
}
