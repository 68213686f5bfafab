package org.tejido.platform.axon;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's JDBC wiring, declared by hand.
 *
 * <p>Axon 4.13.0's auto-configuration orders itself after Spring Boot 3 class names, so on Boot 4 it
 * silently falls back to no transactions and an in-memory token store whenever the DataSource comes
 * from Boot (an external PostgreSQL). Every piece that must be durable is therefore declared here, for
 * both the embedded and the external database.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {
    /** Events per fetch from the store and per processor transaction (ADR 0021). */
    static final int BATCH_SIZE = 500;

    /** Threads per processor: one worker for its one segment, one launcher (see trackingProjectionsInBatches). */
    static final int PROCESSOR_THREADS = 2;

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager platformTransactionManager) {
        return new SpringTransactionManager(platformTransactionManager);
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axonConfiguration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Value("${tejido.axon.tailing-fetch-interval:50ms}") Duration tailingFetchInterval,
            @Value("${tejido.transactions.max-duration}") Duration maxTransaction) {
        // Concurrent appends leave gaps in the global index that tracking processors must wait for, as
        // long as a transaction may last (GapPolicy; docs/adr/0030-gaps-wait-as-long-as-a-transaction-may-last.md).
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                .snapshotFilter(axonConfiguration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .dataType(byte[].class)
                .batchSize(BATCH_SIZE);
        return new PacedJdbcEventStorageEngine(
                new GapPolicy(maxTransaction).applyTo(builder), new HeadPacer(tailingFetchInterval));
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer defaultSerializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(defaultSerializer)
                .schema(TokenSchema.builder().build())
                .contentType(byte[].class)
                .build();
    }

    @Bean
    JdbcSagaStore sagaStore(ConnectionProvider connectionProvider, Serializer defaultSerializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema())
                .serializer(defaultSerializer)
                .build();
    }

    /**
     * Replaces the module Axon's auto-configuration would create (it backs off when one exists), so that
     * every tracking processor answers "does it support a reset?" once instead of per event
     * ({@link ResetSupportKnown}).
     */
    @Bean
    EventProcessingModule eventProcessingModule() {
        return new ProcessorsWithResetSupportKnown();
    }

    /**
     * A projection that fails must not skip the event: the error propagates, the processor releases
     * the segment and retries with back-off, and the read model never silently diverges.
     */
    @Bean
    ConfigurerModule projectionErrorsPropagate() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * Every projection is a tracking processor with one segment and one worker thread that handles events in
     * batches of up to {@link #BATCH_SIZE} per transaction (token and rows together): with fsync on, one
     * disk flush per event would starve the command side and make replays slow; each batch also costs a
     * token update, a commit and a wake-up, which larger batches spread over more events (ADR 0021). Tracking rather than pooled: the pooled
     * processor's coordinator hands events to a work package through a queue whose size it counts by
     * walking it, per event, and on two cores that coordination cost more than the projections' own
     * work (docs/benchmarks.md).
     *
     * <p>Two threads for the one segment: the segment's worker, and Axon's launcher, which claims segments
     * and otherwise sleeps ({@code tokenClaimInterval}, 5 s). With a single thread the launcher claims the
     * segment and then goes on as its worker, and Axon 4.13 has a leak there: a stop that arrives between
     * the claim and that hand-over frees the segment without giving the thread back
     * ({@code WorkerLauncher.cleanUp}), so every later start runs a launcher with no thread to give the
     * segment to. The processor then runs at position -1, with no error, until the node restarts (issue 20:
     * rapid replays stop and start processors; {@code ReplayRaceIT}). With a thread to spare the launcher
     * never works the segment itself, and that path is never taken.
     */
    @Bean
    ConfigurerModule trackingProjectionsInBatches() {
        return configurer -> configurer
                .eventProcessing()
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(
                        config -> TrackingEventProcessorConfiguration.forParallelProcessing(PROCESSOR_THREADS)
                                .andBatchSize(BATCH_SIZE)
                                .andInitialSegmentsCount(1));
    }

    /**
     * Replaces Axon's default {@code MessageOriginProvider}, which copies a trace and a correlation id
     * (two random UUIDs) into the metadata of every event. Nothing in Tejido reads them, an auditor
     * learns nothing from them, and every event processor deserialized each event's metadata to pass
     * them on (about 4 % of a busy node's CPU, docs/benchmarks.md). The one entry passed on is who sent
     * the command ({@link RecordedBy}), when a signed-in user did: a case's history shows it.
     */
    @Bean
    CorrelationDataProvider onlyWhoSentTheCommand() {
        return message -> {
            String name = RecordedBy.of(message);
            return name == null ? Map.of() : Map.of(RecordedBy.KEY, name);
        };
    }
}
