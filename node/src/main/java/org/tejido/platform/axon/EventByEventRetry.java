package org.tejido.platform.axon;

import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * How a dead-lettering processor handles the events of a batch: all in one transaction, or, for the one
 * batch after a batch that failed, each handler of each event in a savepoint of its own.
 *
 * <p>Why: a processor handles up to 500 events in one transaction (ADR 0021). When a handler fails on
 * one of them with a database error, PostgreSQL refuses every later statement of that transaction, the
 * dead letter included, and the rows of the events handled before it are in the same transaction. So
 * the failure is never parked from the batch it happened in: the batch is rolled back whole
 * ({@link ParkingPolicy}), and the processor (after its usual back-off of a second) handles the same
 * events again, this time each handler call in a savepoint ({@link SavepointPerHandler}) and new rows
 * written at once rather than at the end of the batch ({@link BatchedWrites}). The failing call is rolled
 * back to its savepoint alone, its event parked, and the batch commits. The next batch is a normal one
 * again. A batch that never fails costs nothing more than before.
 *
 * <p>Registered as a handler interceptor of the processor: it marks each batch (the root unit of work)
 * with its mode when the first event of the batch is handled.
 */
public final class EventByEventRetry implements MessageHandlerInterceptor<EventMessage<?>> {
    private static final String MODE = EventByEventRetry.class.getName() + ".mode";
    private static final String RETRYING_PARKED = DeadLetter.class.getName();

    enum Mode {
        /** All events of the batch in one transaction; a failure rolls back the batch. */
        BATCH,
        /** Each handler call in a savepoint; a failure parks its event and the batch goes on. */
        EVENT_BY_EVENT
    }

    private final AtomicBoolean lastBatchFailed = new AtomicBoolean();

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        // The dead-letter queue's own retries (an admin's) run their events one by one already.
        if (!retryingParked(unitOfWork)) {
            UnitOfWork<?> batch = unitOfWork.root();
            batch.getOrComputeResource(MODE, key -> begin(batch));
        }
        return interceptorChain.proceed();
    }

    private Mode begin(UnitOfWork<?> batch) {
        Mode mode = lastBatchFailed.get() ? Mode.EVENT_BY_EVENT : Mode.BATCH;
        batch.onRollback(u -> lastBatchFailed.set(true));
        batch.afterCommit(u -> lastBatchFailed.set(false));
        return mode;
    }

    /** True while a processor handles a whole batch in one transaction: a failure must roll it back. */
    static boolean inBatch() {
        return CurrentUnitOfWork.isStarted() && mode(CurrentUnitOfWork.get()) == Mode.BATCH;
    }

    /**
     * True while each event is handled on its own: the batch after a failed one, or an admin retrying a
     * parked event (the dead-letter queue gives each its own nested transaction).
     */
    public static boolean eventByEvent() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        return retryingParked(current) || mode(current) == Mode.EVENT_BY_EVENT;
    }

    /** True in the batch after a failed one (not in an admin's retry): handler calls need savepoints. */
    static boolean savepointPerHandler() {
        return CurrentUnitOfWork.isStarted() && mode(CurrentUnitOfWork.get()) == Mode.EVENT_BY_EVENT;
    }

    private static Mode mode(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getResource(MODE);
    }

    private static boolean retryingParked(UnitOfWork<?> unitOfWork) {
        for (UnitOfWork<?> u = unitOfWork; u != null; u = u.parent().orElse(null)) {
            if (u.getResource(RETRYING_PARKED) != null) {
                return true;
            }
        }
        return false;
    }
}
