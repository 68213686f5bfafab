package org.tejido.national.cases;

import java.time.LocalDate;

/**
 * Cases whose date range overlaps [{@code from}, {@code to}], optionally of one aggression type or
 * group, subdivision and verification status; newest first. Null filters match everything.
 */
public record ListCasesQuery(
        LocalDate from,
        LocalDate to,
        String aggressionType,
        String aggressionGroup,
        String subdivision,
        String verificationStatus,
        int page,
        int size) {}
