package org.tejido.national.cases;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import org.tejido.platform.problem.Rejection;

/**
 * Where a page of the case list ended: the last case's position in the list's order ({@code
 * occurred_from}, {@code recorded_at}, {@code attack_id}, newest first; ADR 0019). The next page starts
 * right after it (keyset paging, ADR 0031), so it costs the same however deep it is, and a case recorded
 * meanwhile neither repeats nor skips a case across pages.
 *
 * <p>Opaque to clients: base64url (no padding) of a version byte, the date as epoch day (4 bytes), the
 * recording time in microseconds since the epoch (8 bytes) and the attack id (16 bytes). It names no
 * filter: the same filters must be sent with it, as the {@code next} link of a page does.
 */
public record CaseCursor(LocalDate occurredFrom, Instant recordedAt, UUID attackId) {
    static final String INVALID = "request.invalid-cursor";
    private static final byte VERSION = 1;
    private static final int BYTES = 1 + 4 + 8 + 16;
    /** The encoded length: base64 without padding of {@link #BYTES} bytes. */
    private static final int LENGTH = (BYTES * 8 + 5) / 6;

    private static final long MIN_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final long MIN_MICROS = MIN_DAY * 86_400_000_000L;
    private static final long MAX_MICROS = (MAX_DAY + 1) * 86_400_000_000L - 1;

    public String encode() {
        long micros = Math.addExact(
                Math.multiplyExact(recordedAt.getEpochSecond(), 1_000_000L), recordedAt.getNano() / 1_000);
        ByteBuffer bytes = ByteBuffer.allocate(BYTES)
                .put(VERSION)
                .putInt(Math.toIntExact(occurredFrom.toEpochDay()))
                .putLong(micros)
                .putLong(attackId.getMostSignificantBits())
                .putLong(attackId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /**
     * The cursor a page gave as {@code next}; a 400 problem {@code request.invalid-cursor} for anything
     * else. The text is not repeated in the problem or the log: it is what the caller typed.
     */
    public static CaseCursor decode(String text) {
        if (text == null || text.length() != LENGTH) {
            throw invalid();
        }
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        ByteBuffer bytes = ByteBuffer.wrap(decoded);
        if (decoded.length != BYTES || bytes.get() != VERSION) {
            throw invalid();
        }
        int epochDay = bytes.getInt();
        long micros = bytes.getLong();
        UUID attackId = new UUID(bytes.getLong(), bytes.getLong());
        // Years 1 to 9999, as every recorded date and time is; anything else no page ever gave.
        if (epochDay < MIN_DAY || epochDay > MAX_DAY || micros < MIN_MICROS || micros > MAX_MICROS) {
            throw invalid();
        }
        return new CaseCursor(
                LocalDate.ofEpochDay(epochDay),
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
                attackId);
    }

    private static Rejection invalid() {
        return Rejection.malformed(INVALID);
    }
}
