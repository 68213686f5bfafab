package org.tejido.national.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the case list. Keyset paging (ADR 0031): no total is counted, because an exact count of
 * a large registry would read every matching row on every page.
 */
@Schema(
        description = "One page of cases, newest first. Paged by cursor: there is no total count (counting"
                + " would read every matching case); follow `next` until it is null.")
public record CasePageView(
        List<CaseSummaryView> items,

        @Schema(description = "The page size asked for (1 to 100); `items` holds at most this many.")
        int size,

        @Schema(
                description = "Opaque cursor of the next page, to send as `after` with the same filters;"
                        + " null when this page is the last.",
                nullable = true)
        String next) {}
