package org.tejido.national.cases;

import java.time.Instant;
import java.util.List;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;

public record CaseView(
        String attackId,
        AttackFacts facts,
        Classification classification,
        String sharingSummary,
        int corrections,
        Instant recordedAt,
        Instant updatedAt,
        List<FollowUpView> followUps) {}
