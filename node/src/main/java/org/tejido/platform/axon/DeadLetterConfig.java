package org.tejido.platform.axon;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's JDBC dead-letter queue for the processors declared as {@link DeadLetteringProcessor}s (the read
 * models), in the table {@code deadletterentry} (migration V1), one queue per processing group (ADR 0027).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DeadLetterConfig {
    /**
     * Sequences (events of one aggregate) a processing group may hold parked; Axon's default. Past it the
     * processor stops at the next failing event: a failure that frequent is a bug to fix, not bad events
     * to set aside.
     */
    static final int MAX_SEQUENCES = 1024;

    @Bean
    HandlerEnhancerDefinition savepointPerHandler(
            ObjectProvider<DeadLetteringProcessor> processors, PlatformTransactionManager transactions) {
        Set<String> groups =
                processors.orderedStream().flatMap(p -> p.groups().stream()).collect(Collectors.toSet());
        return new SavepointPerHandler(groups, transactions);
    }

    @Bean
    ConfigurerModule deadLetterQueues(
            ObjectProvider<DeadLetteringProcessor> processors,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            PlatformTransactionManager platformTransactionManager) {
        List<DeadLetteringProcessor> parking = processors.orderedStream().toList();
        // Retrying a parked event runs its handlers in a savepoint (a nested transaction): when they fail
        // again, only their work is undone and the letter is put back in the queue in the same transaction.
        TransactionManager savepoints = new Savepoints(platformTransactionManager);
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (DeadLetteringProcessor processor : parking) {
                EventByEventRetry retry = new EventByEventRetry();
                processing.registerHandlerInterceptor(processor.name(), c -> retry);
                for (String group : processor.groups()) {
                    processing
                            .registerDeadLetterQueue(
                                    group, c -> queue(group, c, connectionProvider, transactionManager))
                            .registerDeadLetterPolicy(
                                    group,
                                    c -> new ParkingPolicy(
                                            group,
                                            () -> c.eventProcessingConfiguration()
                                                    .deadLetterQueue(group)
                                                    .orElseThrow()))
                            .registerDeadLetteringEventHandlerInvokerConfiguration(
                                    group,
                                    (c, invoker) -> invoker.transactionManager(savepoints)
                                            // A replay empties the queue: it handles every event again.
                                            .allowReset(true)
                                            // Asks the queue about an event's aggregate only when something
                                            // may be parked for it, not for every event.
                                            .enableSequenceIdentifierCache());
                }
            }
        };
    }

    private static SequencedDeadLetterQueue<EventMessage<?>> queue(
            String group, Configuration c, ConnectionProvider connectionProvider, TransactionManager transactions) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .connectionProvider(connectionProvider)
                .transactionManager(transactions)
                .schema(DeadLetterSchema.defaultSchema())
                .genericSerializer(c.serializer())
                .eventSerializer(c.eventSerializer())
                .maxSequences(MAX_SEQUENCES)
                .build();
    }
}
