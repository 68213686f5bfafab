package org.tejido.national.sharing;

import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.tejido.national.cases.CaseView;
import org.tejido.national.cases.FindCaseQuery;
import org.tejido.national.consent.EffectiveConsent;
import org.tejido.national.consent.EffectiveConsentView;
import org.tejido.platform.problem.Rejection;

/** Exactly what would leave the node about one attack under its consent right now, and why. */
@Component
public class SharingPreview {
    private final QueryGateway queries;
    private final EffectiveConsent consent;
    private final Pseudonyms pseudonyms;
    private final ContributorPseudonyms contributors;

    SharingPreview(
            QueryGateway queries, EffectiveConsent consent, Pseudonyms pseudonyms, ContributorPseudonyms contributors) {
        this.queries = queries;
        this.consent = consent;
        this.pseudonyms = pseudonyms;
        this.contributors = contributors;
    }

    public SharingPreviewView preview(String attackId) {
        return preview(attackId, null, null);
    }

    /**
     * What would leave the node about one attack if {@code proposal} were recorded (null: the consent
     * as it is) and, when not null, {@code sharingSummary} replaced the attack's summary: the same
     * minimization as the federation's, so a coordinator confirms exactly what will be shared.
     */
    public SharingPreviewView preview(String attackId, EffectiveConsent.Proposal proposal, String sharingSummary) {
        CaseView found = queries.query(new FindCaseQuery(attackId), ResponseTypes.optionalInstanceOf(CaseView.class))
                .join()
                .orElseThrow(() -> Rejection.notFound("attack.not-found", attackId));
        EffectiveConsentView effective = consent.forAttack(attackId, proposal);
        AttackForSharing attack = new AttackForSharing(
                found.attackId(),
                found.facts(),
                found.classification(),
                sharingSummary != null ? sharingSummary : found.sharingSummary(),
                effective.publicName(),
                effective.publicSummary());
        Optional<SharedAttack> shared =
                Minimization.minimize(attack, effective.sharingScope(), pseudonyms, contributors);
        return new SharingPreviewView(attackId, effective.scope(), effective.source(), shared.orElse(null));
    }
}
