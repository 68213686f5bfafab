package org.tejido.national.attack;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordAttackCommand(
        @TargetAggregateIdentifier String attackId, AttackFacts facts, Classification classification) {}
