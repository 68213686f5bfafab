package org.tejido.national.attack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.tejido.national.protection.Sealed;
import org.tejido.platform.axon.RecordedBy;

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

    /**
     * One event of an attack's stream, as a person reads its history: what kind of change, when, the
     * reason given, and which parts it changed compared with the version before (names of parts, never
     * their content: the personal data stays sealed). Whether the identifying data changed is not told:
     * it is sealed afresh on every correction, so the sealed bytes always differ.
     *
     * @param kind recorded, corrected, reclassified or sharing-summary (and, for a follow-up of the case,
     *     follow-up-opened or follow-up-status: {@code FollowUpHistory})
     * @param changed parts: target, occurredOn, location, sources, verificationStatus, aggressionTypes,
     *     perpetrators, rightsDefended, genderElements, sharingSummary (followUp, followUpStatus)
     * @param by the name of the user who sent the change ({@link RecordedBy}); null when the event does not
     *     say: recorded before names were kept, or sent by the node itself. Never guessed.
     */
    public record Change(String kind, Instant at, String reason, List<String> changed, String by) {}

    /** Every event of the attack, oldest first; empty if no attack of that id was ever recorded. */
    public List<Change> changes(String attackId) {
        List<Change> changes = new ArrayList<>();
        AttackFacts facts = null;
        Classification classification = null;
        DomainEventStream stream = events.readEvents(attackId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message.getPayload() instanceof AttackEvent event)) {
                continue;
            }
            Instant at = message.getTimestamp();
            String by = RecordedBy.of(message);
            if (event instanceof AttackRecordedEvent recorded) {
                facts = recorded.facts();
                classification = recorded.classification();
                changes.add(new Change("recorded", at, null, List.of(), by));
            } else if (event instanceof AttackCorrectedEvent corrected) {
                changes.add(new Change("corrected", at, corrected.reason(), differences(facts, corrected.facts()), by));
                facts = corrected.facts();
            } else if (event instanceof AttackReclassifiedEvent reclassified) {
                changes.add(new Change(
                        "reclassified",
                        at,
                        reclassified.reason(),
                        differences(classification, reclassified.classification()),
                        by));
                classification = reclassified.classification();
            } else if (event instanceof AttackSharingSummaryWrittenEvent) {
                changes.add(new Change("sharing-summary", at, null, List.of("sharingSummary"), by));
            }
        }
        return changes;
    }

    private static List<String> differences(AttackFacts before, AttackFacts after) {
        List<String> changed = new ArrayList<>();
        if (before == null || after == null) {
            return changed;
        }
        differs("target", before.target(), after.target(), changed);
        differs("occurredOn", before.occurredOn(), after.occurredOn(), changed);
        differs("location", before.location(), after.location(), changed);
        differs("sources", before.sources(), after.sources(), changed);
        differs("verificationStatus", before.verificationStatus(), after.verificationStatus(), changed);
        return changed;
    }

    private static List<String> differences(Classification before, Classification after) {
        List<String> changed = new ArrayList<>();
        if (before == null || after == null) {
            return changed;
        }
        differs("aggressionTypes", before.aggressionTypes(), after.aggressionTypes(), changed);
        differs("perpetrators", before.perpetrators(), after.perpetrators(), changed);
        differs("rightsDefended", before.rightsDefended(), after.rightsDefended(), changed);
        differs("genderElements", before.genderElements(), after.genderElements(), changed);
        return changed;
    }

    private static void differs(String part, Object before, Object after, List<String> changed) {
        if (!Objects.equals(before, after)) {
            changed.add(part);
        }
    }
}
