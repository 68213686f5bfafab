package org.tejido.national.consent;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tejido.platform.problem.Rejection;

/**
 * Expires consents whose time has come: at start-up (so an expiry that passed while the node was down
 * takes effect as soon as it is up again) and then every minute.
 */
@Component
class ConsentExpiry {
    private static final Logger log = LoggerFactory.getLogger(ConsentExpiry.class);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Clock clock;

    ConsentExpiry(JdbcTemplate jdbc, CommandGateway commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        expireDue();
    }

    @Scheduled(fixedDelayString = "${tejido.consent.expiry-check:PT1M}", initialDelayString = "PT5S")
    void periodically() {
        expireDue();
    }

    int expireDue() {
        List<ConsentSubject> due = jdbc.query(
                "SELECT subject_kind, subject_id FROM consent_state WHERE status = 'active' AND expires_at <= ?",
                (rs, n) -> new ConsentSubject(rs.getString(1), rs.getString(2)),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        int expired = 0;
        for (ConsentSubject subject : due) {
            try {
                commands.sendAndWait(new ExpireConsentCommand(subject.consentId()));
                expired++;
            } catch (Rejection e) {
                // Already revoked or re-granted since the read model was read: nothing to do.
                log.debug("Consent {} not expired: {}", subject.kind(), e.code());
            }
        }
        if (expired > 0) {
            log.info("Expired {} consents whose time had passed", expired);
        }
        return expired;
    }
}
