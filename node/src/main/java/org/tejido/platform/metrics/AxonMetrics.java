package org.tejido.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.projections.ProjectionStatusView;
import org.tejido.platform.projections.Projections;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * The node's own figures in Prometheus format: commands handled, refused and rejected (by command name),
 * events appended (counted when their transaction commits), each projection's lag behind the head
 * of the event store, and the events each read-model processor parked because it failed on them.
 */
@Component
class AxonMetrics {
    private final MeterRegistry registry;
    private final Projections projections;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AxonMetrics(MeterRegistry registry, CommandBus commandBus, EventStore eventStore, Projections projections) {
        this.registry = registry;
        this.projections = projections;
        commandBus.registerHandlerInterceptor(commandOutcomes());
        eventStore.registerDispatchInterceptor(messages -> {
            countAppendedOnCommit(messages);
            return (index, message) -> message;
        });
    }

    private MessageHandlerInterceptor<CommandMessage<?>> commandOutcomes() {
        return (unitOfWork, chain) -> {
            String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
            try {
                Object result = chain.proceed();
                onOutcome(
                        () -> counter("tejido.commands", "command", command, "outcome", "handled")
                                .increment(),
                        // Refused at the commit too: registering a code that exists fails only when the
                        // event store appends (AggregateStreamCreationException), after the handler ran.
                        () -> counter(
                                        "tejido.commands",
                                        "command",
                                        command,
                                        "outcome",
                                        refused(rollbackCause(unitOfWork)) ? "refused" : "rejected")
                                .increment());
                return result;
            } catch (Exception e) {
                counter("tejido.commands", "command", command, "outcome", refused(e) ? "refused" : "rejected")
                        .increment();
                throw e;
            }
        };
    }

    /**
     * A command its input or the records' state refused (answered 4xx: a rule, an unknown code, no such
     * record, one that exists already): expected, not for operators. Anything else, a failure of the
     * node or its database, is counted as rejected, which is worth an alert.
     */
    static boolean refused(Throwable e) {
        return e instanceof Rejection
                || e instanceof UnknownCodeException
                || e instanceof AggregateNotFoundException
                || e instanceof AggregateStreamCreationException;
    }

    private static Throwable rollbackCause(UnitOfWork<?> unitOfWork) {
        ExecutionResult result = unitOfWork.getExecutionResult();
        return result == null ? null : result.getExceptionResult();
    }

    private void countAppendedOnCommit(List<? extends EventMessage<?>> messages) {
        Runnable count = () -> messages.forEach(m -> counter(
                        "tejido.events.appended", "event", m.getPayloadType().getSimpleName())
                .increment());
        onOutcome(count, () -> {});
    }

    /**
     * Counts on the real outcome of the database transaction: a command inside a larger transaction
     * (the CSV import) is not committed until that transaction is, whatever Axon's unit of work says.
     */
    private static void onOutcome(Runnable committed, Runnable rolledBack) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    (status == STATUS_COMMITTED ? committed : rolledBack).run();
                }
            });
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> committed.run());
            CurrentUnitOfWork.get().onRollback(u -> rolledBack.run());
        } else {
            committed.run();
        }
    }

    /** Looked up once per name and tags: registering again on every command costs more than the command's counting. */
    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(
                name + '\0' + String.join("\0", tags),
                key -> Counter.builder(name).tags(tags).register(registry));
    }

    /** Processors are registered by then; gauges per projection read its lag and parked events at each scrape. */
    @EventListener(ApplicationReadyEvent.class)
    void registerLagGauges() {
        for (ProjectionStatusView status : projections.statuses()) {
            Gauge.builder(
                            "tejido.projection.lag",
                            () -> projections.status(status.name()).lag())
                    .tag("projection", status.name())
                    .description("Events in the store that the projection has not processed yet")
                    .baseUnit("events")
                    .register(registry);
        }
        for (String name : projections.deadLetteringProcessors()) {
            Gauge.builder("tejido.projection.dead.letters", () -> projections.parked(name))
                    .tag("projection", name)
                    .description("Events the projection failed on and set aside to go on (dead-letter queue):"
                            + " retry or drop them at /api/admin/projections/{name}/dead-letters")
                    .register(registry);
        }
    }
}
