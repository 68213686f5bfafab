package org.tejido.platform.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (documentation of COPY, "Binary Format"): a header,
 * per row the field count and each field as its length and its bytes in the type's binary form, then a
 * trailer; big-endian throughout. For the tables the node writes many rows into at once, where COPY
 * spares both sides the binding of parameters as text and PostgreSQL the parsing and planning of a
 * multi-row {@code INSERT} (docs/benchmarks.md).
 */
public final class BinaryCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Header (signature, flags, extension length) and trailer. */
    public static final int FRAME_BYTES = SIGNATURE.length + 4 + 4 + 2;
    /** PostgreSQL counts timestamps and dates from 2000-01-01, UTC. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final int TEXT_OID = 25;

    private final short fields;
    private ByteBuffer out;

    /** @param capacity the bytes expected in all; exact when known, the buffer grows otherwise */
    public BinaryCopy(int fields, int capacity) {
        this.fields = (short) fields;
        this.out = ByteBuffer.allocate(Math.max(capacity, FRAME_BYTES));
        out.put(SIGNATURE);
        out.putInt(0); // flags: no OIDs
        out.putInt(0); // no header extension
    }

    /** Starts a row; its fields follow, in the order of the COPY's column list. */
    public BinaryCopy row() {
        room(2).putShort(fields);
        return this;
    }

    public BinaryCopy uuid(UUID value) {
        room(20).putInt(16).putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
        return this;
    }

    public BinaryCopy int2(short value) {
        room(6).putInt(2).putShort(value);
        return this;
    }

    public BinaryCopy int8(long value) {
        room(12).putInt(8).putLong(value);
        return this;
    }

    /** A {@code timestamptz}, to the microsecond (PostgreSQL's precision; finer is dropped). */
    public BinaryCopy timestamptz(Instant value) {
        long micros = Math.addExact(
                Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                value.getNano() / 1_000);
        return int8(micros);
    }

    public BinaryCopy date(LocalDate value) {
        room(8).putInt(4).putInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
        return this;
    }

    /** Text, varchar or char; {@code null} is SQL NULL. */
    public BinaryCopy text(String value) {
        return value == null ? nullField() : bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytea, or the UTF-8 bytes of a text column; {@code null} is SQL NULL. */
    public BinaryCopy bytes(byte[] value) {
        if (value == null) {
            return nullField();
        }
        room(4 + value.length).putInt(value.length).put(value);
        return this;
    }

    /** A one-dimensional {@code text[]} without nulls (array_recv's format); an empty one has no dimension. */
    public BinaryCopy textArray(List<String> values) {
        byte[][] elements = new byte[values.size()][];
        int size = 12 + (values.isEmpty() ? 0 : 8);
        for (int i = 0; i < elements.length; i++) {
            elements[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            size += 4 + elements[i].length;
        }
        ByteBuffer field = room(4 + size).putInt(size);
        field.putInt(values.isEmpty() ? 0 : 1).putInt(0).putInt(TEXT_OID); // dimensions, no nulls, element type
        if (!values.isEmpty()) {
            field.putInt(values.size()).putInt(1); // length, lower bound
        }
        for (byte[] element : elements) {
            field.putInt(element.length).put(element);
        }
        return this;
    }

    private BinaryCopy nullField() {
        room(4).putInt(-1);
        return this;
    }

    /** The rows with the trailer. */
    public byte[] finish() {
        room(2).putShort((short) -1);
        if (out.position() == out.capacity()) {
            return out.array();
        }
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }

    /**
     * Runs {@code COPY ... FROM STDIN (FORMAT binary)} with these rows on the current transaction's
     * connection.
     *
     * @return the rows PostgreSQL copied
     */
    public static long copyIn(JdbcTemplate jdbc, String sql, byte[] rows) {
        Long copied = jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows));
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + sql, e);
            }
        });
        return copied == null ? 0 : copied;
    }

    private ByteBuffer room(int needed) {
        if (out.remaining() < needed) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + needed));
            out.flip();
            larger.put(out);
            out = larger;
        }
        return out;
    }
}
