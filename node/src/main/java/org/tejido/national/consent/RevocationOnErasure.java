package org.tejido.national.consent;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;
import org.tejido.national.defender.DefenderErasedEvent;
import org.tejido.platform.axon.AggregateStreams;
import org.tejido.platform.problem.Rejection;

/**
 * After an erasure, every consent about her and about the attacks naming her is revoked, so that
 * whatever was shared is retracted downstream. Runs in its own processor: retried until done, and
 * never replayed (a replay must not revoke consents granted again later).
 */
@Component
@ProcessingGroup("erasure-revocations")
class RevocationOnErasure {
    static final String REASON = "erasure";

    private final CommandGateway commands;
    private final AggregateStreams streams;

    RevocationOnErasure(CommandGateway commands, AggregateStreams streams) {
        this.commands = commands;
        this.streams = streams;
    }

    @EventHandler
    @org.axonframework.eventhandling.DisallowReplay
    void on(DefenderErasedEvent event) {
        List<ConsentSubject> subjects = new ArrayList<>();
        subjects.add(ConsentSubject.defender(event.code()));
        event.attackIds().forEach(id -> subjects.add(ConsentSubject.attack(id)));
        for (ConsentSubject subject : subjects) {
            if (!streams.exists(Consent.class.getSimpleName(), subject.consentId())) {
                continue; // never granted: nothing to revoke, and no refused command to count or log
            }
            try {
                commands.sendAndWait(new RevokeConsentCommand(subject.consentId(), REASON));
            } catch (Rejection | AggregateNotFoundException nothingToRevoke) {
                // never granted, or already revoked or expired
            }
        }
    }

    @ResetHandler
    void reset() {
        // Nothing to clear: this handler only sends commands.
    }
}
