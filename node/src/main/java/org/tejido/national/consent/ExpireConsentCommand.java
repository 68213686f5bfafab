package org.tejido.national.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the node itself once a consent's expiry time has passed (also after a restart). */
public record ExpireConsentCommand(
        @TargetAggregateIdentifier String consentId) {}
