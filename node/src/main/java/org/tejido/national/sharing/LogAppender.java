package org.tejido.national.sharing;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.ledger.leaf.Commitment;
import org.tejido.ledger.leaf.LeafCodec;
import org.tejido.ledger.leaf.LeafKind;
import org.tejido.ledger.leaf.LeafV1;

/**
 * Appends leaves to the federation log, in the caller's transaction: index and previous-leaf hash
 * continue the chain, the commitment is SHA-256 over a fresh 32-byte salt and the payload, and the
 * payload and salt are stored beside the leaf (never in it).
 */
@Component
class LogAppender {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] NOTHING = new byte[0];

    private final JdbcTemplate jdbc;
    private final LogIdentity identity;
    private final Clock clock;

    LogAppender(JdbcTemplate jdbc, LogIdentity identity, Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.clock = clock;
    }

    /** @param payload the minimized share; empty for retractions and erasures, which carry no content */
    long append(LeafKind kind, UUID targetId, byte[] payload) {
        // One appender at a time, whatever calls it: the chain has no forks.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(7462617)");
        List<Object[]> last = jdbc.query(
                "SELECT log_index, leaf_hash FROM federation_entry ORDER BY log_index DESC LIMIT 1",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)});
        long index = last.isEmpty() ? 0 : (long) last.get(0)[0] + 1;
        byte[] previous = last.isEmpty() ? new byte[LeafV1.HASH_SIZE] : (byte[]) last.get(0)[1];
        byte[] content = payload == null ? NOTHING : payload;
        byte[] salt = new byte[Commitment.SALT_SIZE];
        RANDOM.nextBytes(salt);
        UUID entryId = UUID.randomUUID();
        LeafV1 leaf = new LeafV1(
                identity.origin(),
                index,
                previous,
                bytes(entryId),
                kind,
                bytes(targetId),
                LocalDate.now(clock).toEpochDay(),
                Commitment.compute(salt, content));
        jdbc.update(
                "INSERT INTO federation_entry (log_index, entry_id, kind, target_id, leaf, leaf_hash, payload, salt,"
                        + " appended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                index,
                entryId,
                kind.code(),
                targetId,
                LeafCodec.encode(leaf),
                LeafCodec.leafHash(leaf),
                content,
                salt,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return index;
    }

    /** Deletes the content of every entry about {@code targetId}: the leaves stay and still verify. */
    void forgetContent(UUID targetId) {
        jdbc.update("UPDATE federation_entry SET payload = NULL, salt = NULL WHERE target_id = ?", targetId);
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
