package org.tejido.regional.records;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.axon.ReadModelTransactions;

/** The regional records are a read model, rebuilt from the stored entries: no wait for the disk. */
@Configuration(proxyBeanMethods = false)
class RecordsWiring {
    static final String PROCESSOR = "regional-records";

    @Bean
    ConfigurerModule regionalRecordsAreAReadModel(TransactionManager transactions, JdbcTemplate jdbc) {
        ReadModelTransactions readModelTransactions = new ReadModelTransactions(transactions, jdbc);
        return configurer ->
                configurer.eventProcessing().registerTransactionManager(PROCESSOR, c -> readModelTransactions);
    }
}
