package org.tejido.national.cases;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's rebuildable read models (cases, consent, defenders, access log) share one processor,
 * named "cases": one reader of the event store instead of four, which on a two-core machine leaves
 * the CPU to the commands. Replaying "cases" rebuilds all of them. The federation log and the
 * erasure revocations keep processors of their own: they must never replay.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelWiring {
    static final String PROCESSOR = CaseProjection.PROCESSING_GROUP;

    @Bean
    ConfigurerModule readModelsShareOneProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .assignProcessingGroup("consent", PROCESSOR)
                .assignProcessingGroup("defenders", PROCESSOR)
                .assignProcessingGroup("access-log", PROCESSOR);
    }
}
