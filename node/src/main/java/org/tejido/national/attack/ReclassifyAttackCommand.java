package org.tejido.national.attack;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReclassifyAttackCommand(
        @TargetAggregateIdentifier String attackId, Classification classification, String reason) {}
