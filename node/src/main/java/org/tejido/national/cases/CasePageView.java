package org.tejido.national.cases;

import java.util.List;

public record CasePageView(List<CaseSummaryView> items, int page, int size, long totalItems) {}
