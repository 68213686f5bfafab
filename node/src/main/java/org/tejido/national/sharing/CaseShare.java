package org.tejido.national.sharing;

/**
 * The statistics, plus a pseudonymous case id (not the node's own attack id), the date at the
 * precision it is known (down to the day) and the summary written for sharing.
 */
public record CaseShare(String caseId, StatisticsShare statistics, String occurredOn, String summary)
        implements SharedAttack {
    @Override
    public String scope() {
        return "case";
    }
}
