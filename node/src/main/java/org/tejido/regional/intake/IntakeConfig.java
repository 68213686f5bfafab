package org.tejido.regional.intake;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntakeConfig {
    /**
     * Keeps each origin's ledger in memory between batches, so a batch costs its own events rather than
     * replaying the whole log; Axon evicts an entry whose unit of work rolls back.
     */
    @Bean
    Cache originLedgerCache() {
        return new WeakReferenceCache();
    }
}
