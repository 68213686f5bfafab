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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.national.attack.AttackCorrectedEvent;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackReclassifiedEvent;
import org.tejido.national.attack.AttackRecordedEvent;
import org.tejido.national.attack.AttackSharingSummaryWrittenEvent;
import org.tejido.national.attack.Classification;
import org.tejido.national.consent.ConsentEvent;
import org.tejido.national.consent.ConsentExpiredEvent;
import org.tejido.national.consent.ConsentGrant;
import org.tejido.national.consent.ConsentGrantedEvent;
import org.tejido.national.consent.ConsentRevokedEvent;
import org.tejido.national.consent.ConsentSubject;
import org.tejido.national.consent.SharingScope;
import org.tejido.national.defender.DefenderErasedEvent;
import org.tejido.platform.axon.BatchedInsert;

/**
 * Turns what happens at the node into entries of its federation log, and nothing else does: after
 * every event that can change what an attack may share, the attack's minimized share under its
 * effective consent is compared with what the log last said about it, and a {@code shared},
 * {@code amended} or {@code consent revoked} entry is appended when it differs. An erasure appends
 * {@code erasure done}. Retraction and erasure delete the content of earlier entries about the attack.
 *
 * <p>The log is append-only: this processor never replays (a replay would append the history again).
 * It keeps the state it needs in its own tables, written in the same transaction as the entries, so
 * it never depends on another projection's progress.
 */
@Component
@ProcessingGroup("federation-log")
@DisallowReplay
class SharingLog {
    /** Both conditions, so that the partial GIN index (attacks naming defenders) serves the lookup. */
    static final String ATTACKS_NAMING_DEFENDER = "SELECT attack_id::text FROM federation_attack"
            + " WHERE cardinality(defenders) > 0 AND defenders @> ARRAY[?]::text[] ORDER BY attack_id";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JdbcTemplate jdbc;
    private final LogAppender log;
    private final Pseudonyms pseudonyms;

    /** Attacks as recorded, written once per batch of events; every other handler flushes them first. */
    private final BatchedInsert newAttacks;

    SharingLog(JdbcTemplate jdbc, LogAppender log, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.log = log;
        this.pseudonyms = pseudonyms;
        this.newAttacks = new BatchedInsert(
                jdbc,
                "INSERT INTO federation_attack (attack_id, target_id, facts, classification, defenders)"
                        + " VALUES (?, ?, ?, ?, ?)");
    }

    @EventHandler
    void on(AttackRecordedEvent event) {
        newAttacks.add(
                UUID.fromString(event.attackId()),
                UUID.randomUUID(),
                json(event.facts()),
                json(event.classification()),
                event.facts().target().defenders().toArray(String[]::new));
        // A new attack has no consent of its own yet and has shared nothing: naming no defender whose
        // consent it could follow, its scope is none and there is nothing to compare (most attacks).
        if (!event.facts().target().defenders().isEmpty()) {
            newAttacks.flush();
            evaluate(event.attackId());
        }
    }

    @EventHandler
    void on(AttackCorrectedEvent event) {
        newAttacks.flush();
        jdbc.update(
                "UPDATE federation_attack SET facts = ?, defenders = ? WHERE attack_id = ?",
                json(event.facts()),
                event.facts().target().defenders().toArray(String[]::new),
                UUID.fromString(event.attackId()));
        evaluate(event.attackId());
    }

    @EventHandler
    void on(AttackReclassifiedEvent event) {
        newAttacks.flush();
        jdbc.update(
                "UPDATE federation_attack SET classification = ? WHERE attack_id = ?",
                json(event.classification()),
                UUID.fromString(event.attackId()));
        evaluate(event.attackId());
    }

    @EventHandler
    void on(AttackSharingSummaryWrittenEvent event) {
        newAttacks.flush();
        jdbc.update(
                "UPDATE federation_attack SET sharing_summary = ? WHERE attack_id = ?",
                event.summary(),
                UUID.fromString(event.attackId()));
        evaluate(event.attackId());
    }

    @EventHandler
    void on(ConsentGrantedEvent event) {
        newAttacks.flush();
        ConsentGrant grant = event.grant();
        ConsentSubject subject = event.subject();
        if (ConsentSubject.ATTACK.equals(subject.kind())) {
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
        newAttacks.flush();
        withdraw(event);
    }

    @EventHandler
    void on(ConsentExpiredEvent event) {
        newAttacks.flush();
        withdraw(event);
    }

    @EventHandler
    void on(DefenderErasedEvent event) {
        newAttacks.flush();
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

    /** Appends what changed about this attack's share, if anything did. */
    private void evaluate(String attackId) {
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT target_id, facts, classification, sharing_summary,"
                        + " defenders, own_scope, own_public_name, own_public_summary, shared_hash"
                        + " FROM federation_attack WHERE attack_id = ?",
                UUID.fromString(attackId));
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
        String publicName = own.isPresent() ? (String) row.get("own_public_name") : joined(consents, "public_name");
        String publicSummary =
                own.isPresent() ? (String) row.get("own_public_summary") : joined(consents, "public_summary");
        AttackForSharing attack = new AttackForSharing(
                attackId,
                read((String) row.get("facts"), AttackFacts.class),
                read((String) row.get("classification"), Classification.class),
                (String) row.get("sharing_summary"),
                publicName,
                publicSummary);
        SharedAttack share = Minimization.minimize(attack, scope, pseudonyms).orElseThrow();
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

    /** The payload of a shared or amended entry: canonical JSON, {"scope": ..., "share": {...}}. */
    static byte[] payload(SharedAttack share) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scope", share.scope());
        document.put("share", share);
        try {
            return CANONICAL.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, Class<T> type) {
        try {
            return CANONICAL.readValue(text, type);
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
