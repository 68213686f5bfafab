package org.tejido.national.followup;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.tejido.national.attack.AttackHistory.Change;
import org.tejido.platform.axon.RecordedBy;

/**
 * A follow-up's events as lines of its case's history: opened, and each change of status with its note
 * (the follow-up's reason), when and by whom. Read from the event store like {@code AttackHistory}, so
 * the case page tells every event of the case, its follow-ups' included.
 */
public class FollowUpHistory {
    private final EventStore events;

    FollowUpHistory(EventStore events) {
        this.events = events;
    }

    /** Oldest first; empty if no follow-up of that id was ever opened. */
    public List<Change> changes(String followUpId) {
        List<Change> changes = new ArrayList<>();
        DomainEventStream stream = events.readEvents(followUpId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof FollowUpOpenedEvent) {
                changes.add(new Change(
                        "follow-up-opened", message.getTimestamp(), null, List.of("followUp"), RecordedBy.of(message)));
            } else if (payload instanceof FollowUpStatusChangedEvent changed) {
                changes.add(new Change(
                        "follow-up-status",
                        message.getTimestamp(),
                        changed.note(),
                        List.of("followUpStatus"),
                        RecordedBy.of(message)));
            }
        }
        return changes;
    }
}
