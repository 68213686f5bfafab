package org.tejido.national.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.national.attack.AttackCorrectedEvent;
import org.tejido.national.attack.AttackHistory;
import org.tejido.national.attack.AttackReclassifiedEvent;
import org.tejido.national.attack.AttackRecordedEvent;
import org.tejido.national.attack.AttackSharingSummaryWrittenEvent;
import org.tejido.national.consent.ConsentEvent;
import org.tejido.national.consent.ConsentExpiredEvent;
import org.tejido.national.consent.ConsentGrant;
import org.tejido.national.consent.ConsentGrantedEvent;
import org.tejido.national.consent.ConsentRevokedEvent;
import org.tejido.national.consent.ConsentSubject;
import org.tejido.national.consent.SharingScope;
import org.tejido.national.defender.DefenderErasedEvent;

/**
 * Turns what happens at the node into entries of its federation log, and nothing else does: after
 * every event that can change what an attack may share, the attack's minimized share under its
 * effective consent is compared with what the log last said about it, and a {@code shared},
 * {@code amended} or {@code consent revoked} entry is appended when it differs. An erasure appends
 * {@code erasure done}. Retraction and erasure delete the content of earlier entries about the attack.
 *
 * <p>The log is append-only: this processor never replays (a replay would append the history again).
 * It keeps the state it needs in its own tables, written in the same transaction as the entries, so
 * it never depends on another projection's progress. It keeps no copy of an attack's content: when a
 * share must be computed, {@link AttackHistory} reads it from the event store; and it keeps a row only
 * for an attack that can be shared at all, one naming a defender or with a consent of its own (ADR
 * 0018).
 */
@Component
@ProcessingGroup("federation-log")
@DisallowReplay
class SharingLog {
    private static final Logger LOG = LoggerFactory.getLogger(SharingLog.class);
    /** Both conditions, so that the partial GIN index (attacks naming defenders) serves the lookup. */
    static final String ATTACKS_NAMING_DEFENDER = "SELECT attack_id::text FROM federation_attack"
            + " WHERE cardinality(defenders) > 0 AND defenders @> ARRAY[?]::text[] ORDER BY attack_id";

    /** The version of the content this node writes (docs/federation-protocol.md, section 5). */
    static final int PAYLOAD_VERSION = 2;

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JdbcTemplate jdbc;
    private final LogAppender log;
    private final Pseudonyms pseudonyms;
    private final ContributorPseudonyms contributors;
    private final AttackHistory history;

    SharingLog(
            JdbcTemplate jdbc,
            LogAppender log,
            Pseudonyms pseudonyms,
            ContributorPseudonyms contributors,
            AttackHistory history) {
        this.jdbc = jdbc;
        this.log = log;
        this.pseudonyms = pseudonyms;
        this.contributors = contributors;
        this.history = history;
    }

    @EventHandler
    void on(AttackRecordedEvent event) {
        // An attack naming no defender can only be shared under a consent of its own: until one is
        // granted there is nothing to keep about it (most attacks, ADR 0018).
        List<String> defenders = event.facts().target().defenders();
        if (!defenders.isEmpty()) {
            track(event.attackId(), defenders);
            evaluate(event.attackId());
        }
    }

    @EventHandler
    void on(AttackCorrectedEvent event) {
        List<String> defenders = event.facts().target().defenders();
        int tracked = jdbc.update(
                "UPDATE federation_attack SET defenders = ? WHERE attack_id = ?",
                defenders.toArray(String[]::new),
                UUID.fromString(event.attackId()));
        if (tracked == 0) {
            if (defenders.isEmpty()) {
                return;
            }
            track(event.attackId(), defenders);
        }
        evaluate(event.attackId());
    }

    @EventHandler
    void on(AttackReclassifiedEvent event) {
        evaluate(event.attackId());
    }

    @EventHandler
    void on(AttackSharingSummaryWrittenEvent event) {
        evaluate(event.attackId());
    }

    @EventHandler
    void on(ConsentGrantedEvent event) {
        ConsentGrant grant = event.grant();
        ConsentSubject subject = event.subject();
        if (ConsentSubject.ATTACK.equals(subject.kind())) {
            if (!tracked(subject.id())) {
                Optional<AttackHistory.Current> current = history.of(subject.id());
                if (current.isEmpty()) {
                    // The consent command checks that the attack exists, so only a damaged store gets here.
                    LOG.warn(
                            "Consent granted to attack {}, which has no recorded event: nothing to share",
                            subject.id());
                    return;
                }
                track(subject.id(), current.get().facts().target().defenders());
            }
            jdbc.update(
                    "UPDATE federation_attack SET own_scope = ?, own_public_name = ?, own_public_summary = ?"
                            + " WHERE attack_id = ?",
                    grant.scope(),
                    grant.publicName(),
                    grant.publicSummary(),
                    UUID.fromString(subject.id()));
        } else {
            jdbc.update(
                    "INSERT INTO federation_defender_consent (defender_code, scope, public_name, public_summary)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT (defender_code) DO UPDATE SET scope = EXCLUDED.scope,"
                            + " public_name = EXCLUDED.public_name, public_summary = EXCLUDED.public_summary",
                    subject.id(),
                    grant.scope(),
                    grant.publicName(),
                    grant.publicSummary());
        }
        evaluateSubject(subject);
    }

    @EventHandler
    void on(ConsentRevokedEvent event) {
        withdraw(event);
    }

    @EventHandler
    void on(ConsentExpiredEvent event) {
        withdraw(event);
    }

    @EventHandler
    void on(DefenderErasedEvent event) {
        jdbc.update("DELETE FROM federation_defender_consent WHERE defender_code = ?", event.code());
        for (String attackId : event.attackIds()) {
            Optional<UUID> target = sharedTarget(attackId);
            if (target.isPresent()) {
                log.forgetContent(target.get());
                log.append(LeafKind.ERASURE_DONE, target.get(), null);
                jdbc.update(
                        "UPDATE federation_attack SET shared_hash = NULL WHERE attack_id = ?",
                        UUID.fromString(attackId));
            }
        }
    }

    private void withdraw(ConsentEvent event) {
        ConsentSubject subject = event.subject();
        if (ConsentSubject.ATTACK.equals(subject.kind())) {
            jdbc.update(
                    "UPDATE federation_attack SET own_scope = NULL, own_public_name = NULL, own_public_summary = NULL"
                            + " WHERE attack_id = ?",
                    UUID.fromString(subject.id()));
        } else {
            jdbc.update("DELETE FROM federation_defender_consent WHERE defender_code = ?", subject.id());
        }
        evaluateSubject(subject);
    }

    private void evaluateSubject(ConsentSubject subject) {
        if (ConsentSubject.ATTACK.equals(subject.kind())) {
            evaluate(subject.id());
        } else {
            jdbc.queryForList(ATTACKS_NAMING_DEFENDER, String.class, subject.id())
                    .forEach(this::evaluate);
        }
    }

    /** Starts keeping the attack's sharing state: the defenders it names and, later, its own consent. */
    private void track(String attackId, List<String> defenders) {
        jdbc.update(
                "INSERT INTO federation_attack (attack_id, target_id, defenders) VALUES (?, ?, ?)"
                        + " ON CONFLICT (attack_id) DO NOTHING",
                UUID.fromString(attackId),
                UUID.randomUUID(),
                defenders.toArray(String[]::new));
    }

    private boolean tracked(String attackId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM federation_attack WHERE attack_id = ?)",
                Boolean.class,
                UUID.fromString(attackId)));
    }

    /**
     * Appends what changed about this attack's share, if anything did. The content comes from the
     * attack's event stream as it is now, which may already hold a later event than the one being
     * handled: that event's own evaluation then finds nothing left to append.
     */
    private void evaluate(String attackId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT target_id, defenders, own_scope, own_public_name, own_public_summary, shared_hash"
                        + " FROM federation_attack WHERE attack_id = ?",
                UUID.fromString(attackId));
        if (rows.isEmpty()) {
            return; // not tracked: it names no defender and has no consent of its own, so it shares nothing
        }
        Map<String, Object> row = rows.get(0);
        UUID target = (UUID) row.get("target_id");
        byte[] sharedHash = (byte[]) row.get("shared_hash");
        List<String> defenders = defenders(row.get("defenders"));
        Map<String, Map<String, Object>> consents = defenderConsents(defenders);
        Optional<SharingScope> own =
                Optional.ofNullable((String) row.get("own_scope")).map(SharingScope::fromCode);
        List<Optional<SharingScope>> theirs = new ArrayList<>();
        defenders.forEach(code -> theirs.add(
                Optional.ofNullable(consents.get(code)).map(c -> SharingScope.fromCode((String) c.get("scope")))));
        SharingScope scope = SharingScope.effective(own, theirs);

        if (scope == SharingScope.NONE) {
            if (sharedHash != null) {
                log.forgetContent(target);
                log.append(LeafKind.CONSENT_REVOKED, target, null);
                jdbc.update(
                        "UPDATE federation_attack SET shared_hash = NULL WHERE attack_id = ?",
                        UUID.fromString(attackId));
            }
            return;
        }
        AttackHistory.Current current = history.of(attackId)
                .orElseThrow(() -> new IllegalStateException("Attack " + attackId + " has no recorded event"));
        String publicName = own.isPresent() ? (String) row.get("own_public_name") : joined(consents, "public_name");
        String publicSummary =
                own.isPresent() ? (String) row.get("own_public_summary") : joined(consents, "public_summary");
        AttackForSharing attack = new AttackForSharing(
                attackId,
                current.facts(),
                current.classification(),
                current.sharingSummary(),
                publicName,
                publicSummary);
        SharedAttack share =
                Minimization.minimize(attack, scope, pseudonyms, contributors).orElseThrow();
        byte[] payload = payload(share);
        byte[] hash = sha256(payload);
        if (sharedHash == null) {
            log.append(LeafKind.SHARED, target, payload);
        } else if (!Arrays.equals(sharedHash, hash)) {
            log.append(LeafKind.AMENDED, target, payload);
        } else {
            return;
        }
        jdbc.update(
                "UPDATE federation_attack SET shared_hash = ? WHERE attack_id = ?", hash, UUID.fromString(attackId));
    }

    private Optional<UUID> sharedTarget(String attackId) {
        return jdbc
                .query(
                        "SELECT target_id FROM federation_attack WHERE attack_id = ? AND shared_hash IS NOT NULL",
                        (rs, n) -> rs.getObject(1, UUID.class),
                        UUID.fromString(attackId))
                .stream()
                .findFirst();
    }

    private Map<String, Map<String, Object>> defenderConsents(List<String> defenders) {
        Map<String, Map<String, Object>> consents = new LinkedHashMap<>();
        for (String code : defenders) {
            jdbc.queryForList("SELECT * FROM federation_defender_consent WHERE defender_code = ?", code)
                    .forEach(r -> consents.put(code, r));
        }
        return consents;
    }

    private static String joined(Map<String, Map<String, Object>> consents, String column) {
        List<String> values = consents.values().stream()
                .map(c -> (String) c.get(column))
                .filter(v -> v != null)
                .toList();
        return values.isEmpty() ? null : String.join("; ", values);
    }

    private static List<String> defenders(Object array) {
        try {
            return Arrays.asList((String[]) ((java.sql.Array) array).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The payload of a shared or amended entry: canonical JSON (keys sorted, no whitespace),
     * {"scope": ..., "share": {...}, "version": 2}. Version 2 is the share with its contributors'
     * pseudonyms; content written before it carries no version (version 1) and stays as it was.
     */
    static byte[] payload(SharedAttack share) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scope", share.scope());
        document.put("share", share);
        document.put("version", PAYLOAD_VERSION);
        try {
            return CANONICAL.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
