package org.tejido.national.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tejido.platform.database.BinaryCopy;

/**
 * Data keys in the {@code data_key} table, each wrapped (AES-GCM) by the master key. Reads and writes
 * join the caller's transaction: a key created for a command that fails disappears with it, and a key
 * destroyed by an erasure is gone exactly when the erasure's events are committed.
 */
class DataKeyStore {
    private static final byte[] WRAP_DOMAIN = "tejido/v1/data-key\0".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int CACHED_KEYS = 10_000;
    private static final String INSERT =
            "INSERT INTO data_key (key_id, wrapped, master_key_id, created_at) VALUES (?, ?, ?, ?)";
    private static final String COPY =
            "COPY data_key (key_id, wrapped, master_key_id, created_at) FROM STDIN (FORMAT binary)";
    /** A row's size in COPY's format: a 40-character id, a 60-byte wrapped key, a short master key id. */
    private static final int COPY_ROW_BYTES = 2 + 4 * 4 + 40 + 60 + 16 + 8;

    private final JdbcTemplate jdbc;
    private final MasterKey master;
    /**
     * Unwrapped keys recently used, bounded: a key a node has not touched for a while is read and
     * unwrapped again when needed, rather than every key ever created staying in memory.
     */
    private final Map<String, SecretKey> unwrapped = Collections.synchronizedMap(new RecentlyUsed(CACHED_KEYS));

    private static final class RecentlyUsed extends LinkedHashMap<String, SecretKey> {
        private final int capacity;

        RecentlyUsed(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
            return size() > capacity;
        }
    }

    DataKeyStore(JdbcTemplate jdbc, MasterKey master) {
        this.jdbc = jdbc;
        this.master = master;
    }

    /**
     * The subject's key (a defender's), created on first use: the insert comes first and the read only
     * when the key turns out to exist.
     */
    SecretKey getOrCreate(String keyId) {
        SecretKey cached = unwrapped.get(keyId);
        return cached != null ? cached : create(keyId);
    }

    /** A data key that belongs to no subject yet, named {@code key:<random UUID>}. */
    record NewKey(String keyId, SecretKey key) {
        @Override
        public String toString() {
            return "NewKey[" + keyId + "]";
        }
    }

    /**
     * {@code count} new keys in one batched insert, in the caller's transaction; cached once it commits.
     * Used ahead of need by the {@link DataKeyReserve}, in a transaction of its own.
     */
    List<NewKey> createBatch(int count) {
        List<NewKey> keys = new ArrayList<>(count);
        Instant now = Instant.now();
        // COPY, not a batch of INSERTs: 0.62 of their CPU per row, client and PostgreSQL (ADR 0024).
        BinaryCopy rows = new BinaryCopy(4, BinaryCopy.FRAME_BYTES + count * COPY_ROW_BYTES);
        for (int i = 0; i < count; i++) {
            NewKey key = generate();
            keys.add(key);
            rows.row().text(key.keyId()).bytes(wrap(key)).text(master.id()).timestamptz(now);
        }
        BinaryCopy.copyIn(jdbc, COPY, rows.finish());
        // Not cached here: the reserve holds them until they are taken, and most are never read again.
        return keys;
    }

    /** One new key, inserted in the caller's transaction (the reserve was empty). */
    NewKey createInCallersTransaction() {
        NewKey key = generate();
        jdbc.update(INSERT, key.keyId(), wrap(key), master.id(), OffsetDateTime.now(ZoneOffset.UTC));
        remember(key.keyId(), key.key());
        return key;
    }

    private static NewKey generate() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new NewKey("key:" + timeOrderedId(), new SecretKeySpec(raw, "AES"));
    }

    /**
     * A UUID in the layout of RFC 9562's version 7 (48 bits of Unix milliseconds, then random bits), so
     * that new keys land at the end of {@code data_key}'s index instead of at random pages. The id
     * reveals when the key was made, as {@code created_at} already does; the key itself is random.
     */
    static UUID timeOrderedId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long low = 0x8000000000000000L | (ByteBuffer.wrap(random, 2, 8).getLong() & 0x3fffffffffffffffL);
        return new UUID(high, low);
    }

    private byte[] wrap(NewKey key) {
        return AesGcm.encrypt(master.secretKey(), key.key().getEncoded(), wrapContext(key.keyId()));
    }

    Optional<SecretKey> find(String keyId) {
        SecretKey cached = unwrapped.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<byte[]> rows =
                jdbc.query("SELECT wrapped FROM data_key WHERE key_id = ?", (rs, n) -> rs.getBytes(1), keyId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        SecretKey key = unwrap(keyId, rows.get(0), master);
        remember(keyId, key);
        return Optional.of(key);
    }

    void destroy(Collection<String> keyIds) {
        for (String keyId : keyIds) {
            jdbc.update("DELETE FROM data_key WHERE key_id = ?", keyId);
            unwrapped.remove(keyId);
        }
    }

    /** Re-wraps every data key wrapped by {@code previous} under the current master key. */
    int rewrapFrom(MasterKey previous) {
        List<Map<String, Object>> rows =
                jdbc.queryForList("SELECT key_id, wrapped FROM data_key WHERE master_key_id = ?", previous.id());
        for (Map<String, Object> row : rows) {
            String keyId = (String) row.get("key_id");
            SecretKey key = unwrap(keyId, (byte[]) row.get("wrapped"), previous);
            jdbc.update(
                    "UPDATE data_key SET wrapped = ?, master_key_id = ? WHERE key_id = ?",
                    AesGcm.encrypt(master.secretKey(), key.getEncoded(), wrapContext(keyId)),
                    master.id(),
                    keyId);
        }
        return rows.size();
    }

    private SecretKey create(String keyId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        int inserted = jdbc.update(
                INSERT + " ON CONFLICT (key_id) DO NOTHING",
                keyId,
                AesGcm.encrypt(master.secretKey(), raw, wrapContext(keyId)),
                master.id(),
                OffsetDateTime.now(ZoneOffset.UTC));
        if (inserted == 0) {
            // Created meanwhile by a concurrent command: use that one.
            return find(keyId).orElseThrow();
        }
        SecretKey key = new SecretKeySpec(raw, "AES");
        remember(keyId, key);
        return key;
    }

    /**
     * Caches a key only once its row is committed: a key created by a command that then rolls back
     * must not outlive its row, or data sealed under it later would be unreadable after a restart.
     */
    private void remember(String keyId, SecretKey key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    unwrapped.put(keyId, key);
                }
            });
        } else {
            unwrapped.put(keyId, key);
        }
    }

    /** Data keys wrapped by a master key other than the current one (none, after a rotation). */
    long wrappedByOtherMasterKeys() {
        Long count =
                jdbc.queryForObject("SELECT count(*) FROM data_key WHERE master_key_id <> ?", Long.class, master.id());
        return count == null ? 0 : count;
    }

    private static SecretKey unwrap(String keyId, byte[] wrapped, MasterKey master) {
        try {
            return new SecretKeySpec(AesGcm.decrypt(master.secretKey(), wrapped, wrapContext(keyId)), "AES");
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Data key " + keyId + " was not wrapped by master key " + master.id()
                    + ": wrong master key? / la clave de datos no corresponde a esta clave maestra");
        }
    }

    private static byte[] wrapContext(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] context = new byte[WRAP_DOMAIN.length + id.length];
        System.arraycopy(WRAP_DOMAIN, 0, context, 0, WRAP_DOMAIN.length);
        System.arraycopy(id, 0, context, WRAP_DOMAIN.length, id.length);
        return context;
    }
}
