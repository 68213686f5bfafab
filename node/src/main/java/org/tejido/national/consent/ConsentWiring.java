package org.tejido.national.consent;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.national.attack.AttackDirectory;
import org.tejido.national.defender.DefenderDirectory;
import org.tejido.vocabulary.Vocabulary;

@Configuration(proxyBeanMethods = false)
class ConsentWiring {
    @Bean
    ConsentRules consentRules(
            Vocabulary vocabulary, DefenderDirectory defenders, AttackDirectory attacks, Clock clock) {
        return new ConsentRules(vocabulary, defenders, attacks, clock);
    }
}
