package org.tejido.platform.core;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.vocabulary.Vocabulary;

/** Shared, replaceable sources of time and of the vocabulary (tests pin the clock). */
@Configuration(proxyBeanMethods = false)
class CoreBeans {
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Vocabulary vocabulary() {
        return Vocabulary.load();
    }
}
