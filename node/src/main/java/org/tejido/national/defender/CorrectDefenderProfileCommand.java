package org.tejido.national.defender;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CorrectDefenderProfileCommand(
        @TargetAggregateIdentifier String code,
        String country,
        String subdivision,
        DefenderProfile profile,
        String reason) {}
