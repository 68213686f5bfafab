package org.tejido.national.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.tejido.platform.problem.Rejection;

/**
 * The consent about one subject (a defender or an attack) over time: granted, replaced, revoked,
 * expired. Without any grant the scope is {@code none}.
 */
@Aggregate
@Revision("1")
public class Consent {
    @AggregateIdentifier
    private String consentId;

    private ConsentSubject subject;
    private String scope;
    private Instant expiresAt;
    private boolean active;

    protected Consent() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(GrantConsentCommand command, ConsentRules rules) {
        rules.checkGrant(command);
        apply(new ConsentGrantedEvent(command.consentId(), command.subject(), command.grant()));
    }

    @CommandHandler
    void handle(RevokeConsentCommand command) {
        if (!active) {
            throw Rejection.conflict("consent.not-active", consentId);
        }
        String reason = command.reason() == null ? null : command.reason().strip();
        if (reason != null && reason.length() > ConsentRules.MAX_TEXT) {
            throw Rejection.invalid("field.too-long", "reason", String.valueOf(ConsentRules.MAX_TEXT));
        }
        apply(new ConsentRevokedEvent(consentId, subject, scope, reason));
    }

    @CommandHandler
    void handle(ExpireConsentCommand command, ConsentRules rules) {
        if (!active || !rules.hasExpired(expiresAt)) {
            throw Rejection.conflict("consent.not-expired", consentId);
        }
        apply(new ConsentExpiredEvent(consentId, subject, scope, expiresAt));
    }

    @EventSourcingHandler
    void on(ConsentGrantedEvent event) {
        consentId = event.consentId();
        subject = event.subject();
        scope = event.grant().scope();
        expiresAt = event.grant().expiresAt();
        active = true;
    }

    @EventSourcingHandler
    void on(ConsentRevokedEvent event) {
        active = false;
    }

    @EventSourcingHandler
    void on(ConsentExpiredEvent event) {
        active = false;
    }
}
