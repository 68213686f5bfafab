package org.tejido.national.followup;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.tejido.platform.problem.Rejection;

/** A protective response to one attack, with its own life: requested, in progress, completed... */
@Aggregate
@Revision("1")
public class FollowUp {
    @AggregateIdentifier
    private String followUpId;

    private String attackId;
    private String status;

    protected FollowUp() {
        // for Axon
    }

    @CommandHandler
    public FollowUp(OpenFollowUpCommand command, FollowUpRules rules) {
        rules.checkOpening(command);
        apply(new FollowUpOpenedEvent(
                command.followUpId(),
                command.attackId(),
                command.kind(),
                command.status(),
                command.startedOn(),
                command.note()));
    }

    @CommandHandler
    public void handle(ChangeFollowUpStatusCommand command, FollowUpRules rules) {
        rules.checkStatus(command.status());
        rules.checkNote(command.note());
        if (rules.isClosed(status)) {
            throw Rejection.conflict("follow-up.closed", followUpId, status);
        }
        if (status.equals(command.status())) {
            throw Rejection.invalid("follow-up.status-unchanged", followUpId, status);
        }
        apply(new FollowUpStatusChangedEvent(followUpId, attackId, status, command.status(), command.note()));
    }

    @EventSourcingHandler
    void on(FollowUpOpenedEvent event) {
        followUpId = event.followUpId();
        attackId = event.attackId();
        status = event.status();
    }

    @EventSourcingHandler
    void on(FollowUpStatusChangedEvent event) {
        status = event.status();
    }
}
