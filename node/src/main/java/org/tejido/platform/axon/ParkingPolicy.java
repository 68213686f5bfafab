package org.tejido.platform.axon;

import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a read model's dead-letter queue does with an event its handler failed on.
 *
 * <ul>
 *   <li>In a batch handled in one transaction: nothing is parked yet. The failure rolls the whole batch
 *       back, and the processor handles it again event by event ({@link EventByEventRetry}).
 *   <li>Event by event (that retry, or an admin retrying a parked event): the event is parked, or stays
 *       parked, with the failure's class and code as its cause ({@link ProjectionFailure}): never a
 *       message, never the event.
 *   <li>A queue holding {@link DeadLetterConfig#MAX_SEQUENCES} sequences parks nothing more: the processor
 *       stops there, as it did before there was a queue, since a failure that frequent is a bug of the
 *       read model, not a bad event.
 * </ul>
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {
    private static final Logger log = LoggerFactory.getLogger(ParkingPolicy.class);

    private final String group;
    private final Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue;

    ParkingPolicy(String group, Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue) {
        this.group = group;
        this.queue = queue;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        ProjectionFailure failure = ProjectionFailure.of(group, letter.message(), cause);
        if (EventByEventRetry.inBatch()) {
            throw new BatchRolledBackToPark(failure);
        }
        // Not in a processor's batch: an admin retrying an event parked before.
        boolean retryingParked = !EventByEventRetry.savepointPerHandler();
        if (!retryingParked
                && letter instanceof GenericDeadLetter<?> fresh
                && queue.get().isFull(fresh.getSequenceIdentifier())) {
            throw new IllegalStateException(
                    "The dead-letter queue of projection '" + group + "' is full: the processor stops at this"
                            + " event until parked events are retried or dropped (docs/operations.md)",
                    failure);
        }
        log.warn(
                "{} event {} ({}) of projection '{}': {}{}{}",
                retryingParked ? "Retried and still parked:" : "Parked",
                letter.message().getIdentifier(),
                failure.eventType(),
                group,
                failure.causeType(),
                failure.code().isEmpty() ? "" : " (" + failure.code() + ")",
                retryingParked ? "" : "; the processor goes on");
        return Decisions.enqueue(new ThrowableCause(failure.causeType(), failure.code()));
    }

    /** Thrown to roll back a batch so that it is handled again event by event. */
    static final class BatchRolledBackToPark extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchRolledBackToPark(ProjectionFailure failure) {
            super(
                    failure.getMessage() + "; the batch is rolled back and handled again event by event,"
                            + " so that only this event is parked",
                    failure,
                    false,
                    false);
        }
    }
}
