package org.tejido.regional.intake;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Keep a refusal decided before verification (e.g. an enrolled node pushing another node's origin) on
 * the log of the caller's own origin.
 */
public record RecordRefusedCallCommand(
        @TargetAggregateIdentifier String origin,
        Refusal reason,
        String detail,
        long firstIndex,
        int entries,
        String callerFingerprint) {}
