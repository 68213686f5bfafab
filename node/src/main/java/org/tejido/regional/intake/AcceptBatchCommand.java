package org.tejido.regional.intake;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Verify one batch of {@code origin}'s log and store it if every rule holds. The caller was already
 * authenticated by its client certificate and found enrolled for this origin with {@code logKey}.
 */
public record AcceptBatchCommand(
        @TargetAggregateIdentifier String origin, String logKey, IncomingBatch batch, String callerFingerprint) {}
