package org.tejido.national.defender;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordDefenderIdentityCommand(
        @TargetAggregateIdentifier String code, IdentifyingData identity) {}
