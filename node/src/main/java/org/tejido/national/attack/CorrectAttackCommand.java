package org.tejido.national.attack;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the facts of an attack; the earlier version stays in the history. */
public record CorrectAttackCommand(
        @TargetAggregateIdentifier String attackId, AttackFacts facts, String reason) {}
