package org.tejido.national.attack;

import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.national.defender.AttacksNamingDefender;
import org.tejido.national.defender.DefenderDirectory;
import org.tejido.platform.axon.AggregateStreams;
import org.tejido.vocabulary.Vocabulary;

@Configuration(proxyBeanMethods = false)
class AttackWiring {
    @Bean
    AttackRules attackRules(Vocabulary vocabulary, DefenderDirectory defenders, Clock clock) {
        return new AttackRules(vocabulary, defenders, clock);
    }

    @Bean
    AttacksNamingDefender attacksNamingDefender(AggregateStreams streams) {
        return new AttackStreams(streams);
    }

    @Bean
    AttackHistory attackHistory(EventStore events) {
        return new AttackHistory(events);
    }

    @Bean
    AttackDirectory attackDirectory(AggregateStreams streams) {
        return attackId -> streams.exists(Attack.class.getSimpleName(), attackId);
    }
}
