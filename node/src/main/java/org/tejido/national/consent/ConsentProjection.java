package org.tejido.national.consent;

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
import org.tejido.national.attack.AttackRecordedEvent;

/** Keeps {@code consent_state} and {@code consent_attack_defender} in step with the event store. */
@Component
@ProcessingGroup(ConsentProjection.PROCESSING_GROUP)
class ConsentProjection {
    static final String PROCESSING_GROUP = "consent";

    private final JdbcTemplate jdbc;

    ConsentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConsentGrantedEvent event, @Timestamp Instant at) {
        ConsentGrant grant = event.grant();
        jdbc.update(
                """
                INSERT INTO consent_state (subject_kind, subject_id, scope, status, basis, granted_on, expires_at, updated_at,
                    public_name, public_summary)
                VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject_kind, subject_id) DO UPDATE SET scope = EXCLUDED.scope, status = 'active',
                    basis = EXCLUDED.basis, granted_on = EXCLUDED.granted_on, expires_at = EXCLUDED.expires_at,
                    updated_at = EXCLUDED.updated_at, public_name = EXCLUDED.public_name,
                    public_summary = EXCLUDED.public_summary
                """,
                event.subject().kind(),
                event.subject().id(),
                grant.scope(),
                grant.basis(),
                grant.grantedOn(),
                grant.expiresAt() == null ? null : utc(grant.expiresAt()),
                utc(at),
                grant.publicName(),
                grant.publicSummary());
    }

    @EventHandler
    void on(ConsentRevokedEvent event, @Timestamp Instant at) {
        end(event.subject(), "revoked", at);
    }

    @EventHandler
    void on(ConsentExpiredEvent event, @Timestamp Instant at) {
        end(event.subject(), "expired", at);
    }

    @EventHandler
    void on(AttackRecordedEvent event) {
        // A new attack has no rows to replace yet.
        insertDefenders(
                UUID.fromString(event.attackId()), event.facts().target().defenders());
    }

    @EventHandler
    void on(AttackCorrectedEvent event) {
        replaceDefenders(event.attackId(), event.facts().target().defenders());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE consent_state, consent_attack_defender");
    }

    private void end(ConsentSubject subject, String status, Instant at) {
        jdbc.update(
                "UPDATE consent_state SET status = ?, updated_at = ?, public_name = NULL, public_summary = NULL"
                        + " WHERE subject_kind = ? AND subject_id = ?",
                status,
                utc(at),
                subject.kind(),
                subject.id());
    }

    private void replaceDefenders(String attackId, List<String> defenders) {
        UUID id = UUID.fromString(attackId);
        jdbc.update("DELETE FROM consent_attack_defender WHERE attack_id = ?", id);
        insertDefenders(id, defenders);
    }

    private void insertDefenders(UUID attackId, List<String> defenders) {
        // Once each: attacks recorded before the command refused a defender listed twice (issue 20) may
        // still name her twice in the event store.
        for (String code : defenders.stream().distinct().toList()) {
            jdbc.update("INSERT INTO consent_attack_defender (attack_id, defender_code) VALUES (?, ?)", attackId, code);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
