package org.tejido.national.cases;

import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.axon.DeadLetteringProcessor;
import org.tejido.platform.axon.ReadModelTransactions;

/**
 * The node's rebuildable read models (cases, consent, defenders, access log) share one processor,
 * named "cases": one reader of the event store instead of four, which on a two-core machine leaves
 * the CPU to the commands. Replaying "cases" rebuilds all of them. The federation log and the
 * erasure revocations keep processors of their own: they must never replay. Being rebuildable, the
 * read models commit without waiting for the disk ({@link ReadModelTransactions}), and an event one of
 * them fails on is parked instead of stopping all of them ({@link DeadLetteringProcessor}).
 */
@Configuration(proxyBeanMethods = false)
class ReadModelWiring {
    static final String PROCESSOR = CaseProjection.PROCESSING_GROUP;

    /**
     * An event one of these read models fails on is parked with its error, and the processor goes on
     * with the next ones (ADR 0027, docs/operations.md).
     */
    @Bean
    DeadLetteringProcessor readModelsParkFailingEvents() {
        return new DeadLetteringProcessor(PROCESSOR, List.of(PROCESSOR, "consent", "defenders", "access-log"));
    }

    @Bean
    ConfigurerModule readModelsShareOneProcessor(TransactionManager transactions, JdbcTemplate jdbc) {
        ReadModelTransactions readModelTransactions = new ReadModelTransactions(transactions, jdbc);
        return configurer -> configurer
                .eventProcessing()
                .registerTransactionManager(PROCESSOR, c -> readModelTransactions)
                .assignProcessingGroup("consent", PROCESSOR)
                .assignProcessingGroup("defenders", PROCESSOR)
                .assignProcessingGroup("access-log", PROCESSOR);
    }
}
