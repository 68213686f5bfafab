package org.tejido.national.sharing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.note.NoteSigner;

/**
 * Carries out a log-key rotation an operator started with {@code keys rotate-log}: appends a
 * key-rotation entry whose content is the next key's verifier key (checkpoints from then on are signed by
 * both keys), and once the overlap has passed and a checkpoint signed by both covers that entry, makes
 * the next key the only one.
 */
@Component
class LogKeyRotation {
    private static final Logger log = LoggerFactory.getLogger(LogKeyRotation.class);

    private final JdbcTemplate jdbc;
    private final LogIdentity identity;
    private final LogAppender appender;
    private final Clock clock;
    private final Duration overlap;

    LogKeyRotation(
            JdbcTemplate jdbc,
            LogIdentity identity,
            LogAppender appender,
            Clock clock,
            @Value("${tejido.federation.key-overlap:P7D}") Duration overlap) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.appender = appender;
        this.clock = clock;
        this.overlap = overlap;
    }

    @Scheduled(fixedDelayString = "${tejido.federation.checkpoint-interval:PT5S}", initialDelayString = "PT1S")
    @Transactional
    public void advance() {
        Optional<NoteSigner> next = identity.next();
        if (next.isEmpty()) {
            return;
        }
        jdbc.queryForList("SELECT pg_advisory_xact_lock(7462617)");
        byte[] announcement = next.get().verifierKey().format().getBytes(StandardCharsets.UTF_8);
        List<Object[]> entry = jdbc.query(
                "SELECT log_index, appended_at FROM federation_entry WHERE kind = ? AND payload = ?",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)},
                LeafKind.KEY_ROTATION.code(),
                announcement);
        if (entry.isEmpty()) {
            long index = appender.append(LeafKind.KEY_ROTATION, UUID.nameUUIDFromBytes(announcement), announcement);
            log.info(
                    "Log key rotation announced at entry {}; checkpoints are signed by both keys for {}",
                    index,
                    overlap);
            return;
        }
        long index = (long) entry.get(0)[0];
        Instant announcedAt = ((OffsetDateTime) entry.get(0)[1]).toInstant();
        long signedSize =
                jdbc.queryForObject("SELECT coalesce(max(tree_size), 0) FROM federation_checkpoint", Long.class);
        if (clock.instant().isAfter(announcedAt.plus(overlap)) && signedSize > index) {
            identity.promoteNext(clock.instant());
            log.info("Log key rotation done: the key announced at entry {} is now the only signing key", index);
        }
    }
}
