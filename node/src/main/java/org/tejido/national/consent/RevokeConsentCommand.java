package org.tejido.national.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeConsentCommand(
        @TargetAggregateIdentifier String consentId, String reason) {}
