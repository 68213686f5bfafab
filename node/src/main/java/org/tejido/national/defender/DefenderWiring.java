package org.tejido.national.defender;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.platform.axon.AggregateStreams;
import org.tejido.vocabulary.Vocabulary;

@Configuration(proxyBeanMethods = false)
class DefenderWiring {
    @Bean
    DefenderRules defenderRules(Vocabulary vocabulary) {
        return new DefenderRules(vocabulary);
    }

    @Bean
    DefenderDirectory defenderDirectory(AggregateStreams streams) {
        return code -> streams.exists(Defender.class.getSimpleName(), code)
                && !streams.hasEvent(code, DefenderErasedEvent.class.getName());
    }
}
