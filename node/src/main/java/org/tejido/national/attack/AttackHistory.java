package org.tejido.national.attack;

import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.tejido.national.protection.Sealed;

/**
 * An attack as its event stream says now, read from the event store through Axon (so upcasters
 * apply). For what is read rarely next to recording: a share to compute, a registrar opening a case's
 * personal data. Read models therefore keep no copy of it (ADR 0018).
 */
public class AttackHistory {
    private final EventStore events;

    AttackHistory(EventStore events) {
        this.events = events;
    }

    /**
     * @param facts without personal data, as the events hold them
     * @param personal the personal data, sealed; null if the attack was recorded without any
     * @param sharingSummary null until one is written
     */
    public record Current(AttackFacts facts, Classification classification, Sealed personal, String sharingSummary) {}

    /** Empty if no attack of that id was ever recorded. */
    public Optional<Current> of(String attackId) {
        AttackFacts facts = null;
        Classification classification = null;
        Sealed personal = null;
        String summary = null;
        DomainEventStream stream = events.readEvents(attackId);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (!(payload instanceof AttackEvent event)) {
                continue;
            }
            // Java 17: no pattern matching for switch; the sealed interface lists these four.
            if (event instanceof AttackRecordedEvent recorded) {
                facts = recorded.facts();
                classification = recorded.classification();
                personal = recorded.personal();
            } else if (event instanceof AttackCorrectedEvent corrected) {
                facts = corrected.facts();
                personal = corrected.personal();
            } else if (event instanceof AttackReclassifiedEvent reclassified) {
                classification = reclassified.classification();
            } else if (event instanceof AttackSharingSummaryWrittenEvent written) {
                summary = written.summary();
            }
        }
        return facts == null || classification == null
                ? Optional.empty()
                : Optional.of(new Current(facts, classification, personal, summary));
    }
}
