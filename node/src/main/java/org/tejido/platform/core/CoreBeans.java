package org.tejido.platform.core;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tejido.vocabulary.Vocabulary;

/** Shared, replaceable sources of time and of the vocabulary (tests pin the clock); scheduled jobs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CoreBeans {
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Spring Boot's scheduler logs a job's failure with its whole message; this one logs it by code. */
    @Bean
    ThreadPoolTaskSchedulerCustomizer scheduledTaskErrors() {
        return scheduler -> scheduler.setErrorHandler(new ScheduledTaskErrors());
    }

    @Bean
    Vocabulary vocabulary() {
        return Vocabulary.load();
    }
}
