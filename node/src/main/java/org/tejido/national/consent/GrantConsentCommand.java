package org.tejido.national.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants, or replaces, the consent about one subject. */
public record GrantConsentCommand(
        @TargetAggregateIdentifier String consentId, ConsentSubject subject, ConsentGrant grant) {
    public GrantConsentCommand(ConsentSubject subject, ConsentGrant grant) {
        this(subject.consentId(), subject, grant);
    }
}
