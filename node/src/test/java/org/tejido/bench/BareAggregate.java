package org.tejido.bench;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * Baseline (b) of the benchmark: the least an event-sourced Axon aggregate does per command (one
 * event, no rules). Deliberately not annotated with {@code @Aggregate}: that annotation is a Spring
 * stereotype, and component scanning would then add this aggregate to every test node. The benchmark
 * registers it with a {@code ConfigurerModule} instead (see {@link RecordAttackBenchmark}).
 */
@Revision("1")
public class BareAggregate {
    @AggregateIdentifier
    private String id;

    protected BareAggregate() {
        // for Axon
    }

    @CommandHandler
    public BareAggregate(CreateBareCommand command) {
        apply(new BareCreatedEvent(command.id(), command.payload()));
    }

    @EventSourcingHandler
    void on(BareCreatedEvent event) {
        id = event.id();
    }
}
