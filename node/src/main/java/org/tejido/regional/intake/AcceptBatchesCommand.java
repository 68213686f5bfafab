package org.tejido.regional.intake;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Consecutive batches of one PushLog call, all of {@code origin}'s log, handled in the order received
 * and in one transaction, up to the first refusal (ADR 0023).
 */
public record AcceptBatchesCommand(
        @TargetAggregateIdentifier String origin, List<AuthenticatedBatch> batches) {
    public AcceptBatchesCommand {
        batches = List.copyOf(batches);
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batch to accept");
        }
        for (AuthenticatedBatch batch : batches) {
            if (!batch.origin().equals(origin)) {
                throw new IllegalArgumentException("every batch of one command is of the same origin");
            }
        }
    }
}
