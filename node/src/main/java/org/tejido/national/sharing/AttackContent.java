package org.tejido.national.sharing;

import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.tejido.national.attack.AttackCorrectedEvent;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackReclassifiedEvent;
import org.tejido.national.attack.AttackRecordedEvent;
import org.tejido.national.attack.AttackSharingSummaryWrittenEvent;
import org.tejido.national.attack.Classification;

/**
 * An attack's shareable content as its event stream says now: facts (without personal data),
 * classification and sharing summary. Read from the event store, through Axon (so upcasters apply),
 * only when a share must be computed, which is rare next to recording: the log's processor keeps no
 * copy of the content (ADR 0018).
 */
@Component
class AttackContent {
    private final EventStore events;

    AttackContent(EventStore events) {
        this.events = events;
    }

    record Current(AttackFacts facts, Classification classification, String sharingSummary) {}

    Optional<Current> of(String attackId) {
        AttackFacts facts = null;
        Classification classification = null;
        String summary = null;
        DomainEventStream stream = events.readEvents(attackId);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof AttackRecordedEvent recorded) {
                facts = recorded.facts();
                classification = recorded.classification();
            } else if (payload instanceof AttackCorrectedEvent corrected) {
                facts = corrected.facts();
            } else if (payload instanceof AttackReclassifiedEvent reclassified) {
                classification = reclassified.classification();
            } else if (payload instanceof AttackSharingSummaryWrittenEvent written) {
                summary = written.summary();
            }
        }
        return facts == null || classification == null
                ? Optional.empty()
                : Optional.of(new Current(facts, classification, summary));
    }
}
