package org.tejido.national.followup;

import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.national.attack.AttackDirectory;
import org.tejido.vocabulary.Vocabulary;

@Configuration(proxyBeanMethods = false)
class FollowUpWiring {
    @Bean
    FollowUpRules followUpRules(Vocabulary vocabulary, AttackDirectory attacks, Clock clock) {
        return new FollowUpRules(vocabulary, attacks, clock);
    }

    @Bean
    FollowUpHistory followUpHistory(EventStore events) {
        return new FollowUpHistory(events);
    }
}
