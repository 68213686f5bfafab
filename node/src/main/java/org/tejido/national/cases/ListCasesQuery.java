package org.tejido.national.cases;

import java.time.LocalDate;

/**
 * Cases whose date range overlaps [{@code from}, {@code to}], optionally of one aggression type or
 * group, subdivision and verification status; newest first. Null filters match everything. {@code
 * after} is where the previous page ended (null for the first page); a page holds at most {@code size}
 * cases (ADR 0031).
 */
public record ListCasesQuery(
        LocalDate from,
        LocalDate to,
        String aggressionType,
        String aggressionGroup,
        String subdivision,
        String verificationStatus,
        CaseCursor after,
        int size) {}
