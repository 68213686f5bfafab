package org.tejido.national.importing;

import java.util.List;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;

/** One data row of an import, by its physical line in the file (the header is line 1). */
sealed interface CsvRow permits CsvRow.Parsed, CsvRow.Rejected {
    long line();

    /** A row that could be turned into an attack's facts and classification; the rules are still to be checked. */
    record Parsed(long line, AttackFacts facts, Classification classification) implements CsvRow {}

    /** A row refused with a problem code and its arguments (codes and column names, never cell text). */
    record Rejected(long line, String code, List<String> args) implements CsvRow {
        public Rejected {
            args = List.copyOf(args);
        }
    }
}
