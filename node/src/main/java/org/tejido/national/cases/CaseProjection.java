package org.tejido.national.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.national.attack.AttackCorrectedEvent;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackReclassifiedEvent;
import org.tejido.national.attack.AttackRecordedEvent;
import org.tejido.national.attack.AttackSharingSummaryWrittenEvent;
import org.tejido.national.attack.Classification;
import org.tejido.national.followup.FollowUpOpenedEvent;
import org.tejido.national.followup.FollowUpStatusChangedEvent;
import org.tejido.platform.axon.BatchedWrites;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Term;
import org.tejido.vocabulary.Vocabulary;

/**
 * Keeps {@code case_summary} and {@code case_follow_up} in step with the event store. It runs in its
 * own processing group so it can be reset and replayed without touching anything else; the token and
 * the rows are written in one transaction, so a crash never applies an event twice.
 */
@Component
@ProcessingGroup(CaseProjection.PROCESSING_GROUP)
class CaseProjection {
    static final String PROCESSING_GROUP = "cases";

    private final JdbcTemplate jdbc;
    private final Vocabulary vocabulary;
    /** New cases are written once per batch of events; every other handler flushes them first. */
    private final BatchedWrites<NewCaseRows.Row> newCases;

    CaseProjection(JdbcTemplate jdbc, Vocabulary vocabulary) {
        this.jdbc = jdbc;
        this.vocabulary = vocabulary;
        this.newCases = new BatchedWrites<>(rows -> NewCaseRows.write(jdbc, rows));
    }

    @EventHandler
    void on(AttackRecordedEvent event, @Timestamp Instant at) {
        AttackFacts facts = event.facts();
        Classification classification = event.classification();
        newCases.add(new NewCaseRows.Row(
                UUID.fromString(event.attackId()),
                at,
                facts.occurredOn().toString(),
                facts.occurredOn().earliest(),
                facts.occurredOn().latest(),
                facts.location().country(),
                facts.location().subdivision(),
                facts.target().kind(),
                classification.aggressionTypes(),
                groupsOf(classification),
                facts.verificationStatus()));
    }

    @EventHandler
    void on(AttackCorrectedEvent event, @Timestamp Instant at) {
        newCases.flush();
        AttackFacts facts = event.facts();
        jdbc.update(
                """
                UPDATE case_summary SET updated_at = ?, occurred_on = ?, occurred_from = ?, occurred_to = ?,
                    country = ?, subdivision = ?, target_kind = ?, verification_status = ?,
                    corrections = corrections + 1
                WHERE attack_id = ?
                """,
                utc(at),
                facts.occurredOn().toString(),
                facts.occurredOn().earliest(),
                facts.occurredOn().latest(),
                facts.location().country(),
                facts.location().subdivision(),
                facts.target().kind(),
                facts.verificationStatus(),
                UUID.fromString(event.attackId()));
    }

    @EventHandler
    void on(AttackReclassifiedEvent event, @Timestamp Instant at) {
        newCases.flush();
        Classification classification = event.classification();
        jdbc.update(
                """
                UPDATE case_summary SET updated_at = ?, aggression_types = ?, aggression_groups = ?,
                    corrections = corrections + 1
                WHERE attack_id = ?
                """,
                utc(at),
                textArray(classification.aggressionTypes()),
                textArray(groupsOf(classification)),
                UUID.fromString(event.attackId()));
    }

    @EventHandler
    void on(AttackSharingSummaryWrittenEvent event, @Timestamp Instant at) {
        newCases.flush();
        jdbc.update(
                "UPDATE case_summary SET updated_at = ? WHERE attack_id = ?",
                utc(at),
                UUID.fromString(event.attackId()));
    }

    @EventHandler
    void on(FollowUpOpenedEvent event, @Timestamp Instant at) {
        newCases.flush();
        jdbc.update(
                """
                INSERT INTO case_follow_up (follow_up_id, attack_id, kind, status, started_on, note, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                UUID.fromString(event.followUpId()),
                UUID.fromString(event.attackId()),
                event.kind(),
                event.status(),
                event.startedOn(),
                event.note(),
                utc(at));
    }

    @EventHandler
    void on(FollowUpStatusChangedEvent event, @Timestamp Instant at) {
        newCases.flush();
        jdbc.update(
                "UPDATE case_follow_up SET status = ?, note = COALESCE(?, note), updated_at = ? WHERE follow_up_id = ?",
                event.status(),
                event.note(),
                utc(at),
                UUID.fromString(event.followUpId()));
    }

    @ResetHandler
    void reset() {
        newCases.flush();
        jdbc.update("TRUNCATE case_follow_up, case_summary");
    }

    private List<String> groupsOf(Classification classification) {
        return classification.aggressionTypes().stream()
                .map(code -> vocabulary
                        .find(SchemeName.AGGRESSION_TYPE, code)
                        .map(Term::group)
                        .orElse("unknown"))
                .distinct()
                .sorted()
                .toList();
    }

    private static String[] textArray(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
