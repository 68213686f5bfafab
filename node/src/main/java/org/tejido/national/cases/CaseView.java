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
        List<FollowUpView> followUps,
        PersonalData personalData) {

    /** Whether the narrative and municipality in {@code facts} are there, erased, or not shown. */
    public enum PersonalData {
        SHOWN,
        ERASED,
        WITHHELD
    }

    public CaseView with(AttackFacts shownFacts, PersonalData status) {
        return new CaseView(
                attackId,
                shownFacts,
                classification,
                sharingSummary,
                corrections,
                recordedAt,
                updatedAt,
                followUps,
                status);
    }
}
