package org.tejido.national.cases;

import java.time.Instant;
import java.util.List;

public record CaseSummaryView(
        String attackId,
        String occurredOn,
        String country,
        String subdivision,
        String targetKind,
        List<String> aggressionTypes,
        String verificationStatus,
        int corrections,
        Instant recordedAt,
        Instant updatedAt) {}
