package org.tejido.regional.intake;

import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntakeConfig {
    /** Keeps each origin's ledger in memory between batches (see {@link OriginLedgerCache}). */
    @Bean
    Cache originLedgerCache() {
        return new OriginLedgerCache();
    }
}
