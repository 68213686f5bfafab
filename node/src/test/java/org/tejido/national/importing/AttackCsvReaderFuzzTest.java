package org.tejido.national.importing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.tejido.platform.problem.Rejection;

/**
 * Fuzzes the attack CSV import's reader, {@link AttackCsvReader#read}, on any uploaded bytes
 * (docs/fuzzing.md): it returns rows, each parsed or rejected with a code, or refuses the file with a
 * {@link Rejection}; never another exception. Seeds: the head of the import fixture and the reader test's
 * shapes (deploy/fuzz/seeds.py).
 */
class AttackCsvReaderFuzzTest {

    private static final int MAX_ROWS = 50;

    private final AttackCsvReader reader = new AttackCsvReader(MAX_ROWS);

    @FuzzTest
    void read(byte[] bytes) {
        List<CsvRow> rows;
        try {
            rows = reader.read(bytes);
        } catch (Rejection e) {
            if (e.code() == null || e.kind() == null) {
                throw new AssertionError("a rejection without code or kind", e);
            }
            return;
        }
        if (rows.size() > MAX_ROWS) {
            throw new AssertionError(rows.size() + " rows, at most " + MAX_ROWS);
        }
        long previous = 1;
        for (CsvRow row : rows) {
            if (row.line() <= previous) {
                throw new AssertionError("row lines not increasing past the header: " + rows);
            }
            previous = row.line();
            if (row instanceof CsvRow.Rejected rejected && rejected.code() == null) {
                throw new AssertionError("a rejected row without a code");
            }
        }
    }
}
