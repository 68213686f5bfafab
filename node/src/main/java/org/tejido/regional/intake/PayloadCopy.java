package org.tejido.regional.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Content rows for {@code regional_payload} in PostgreSQL's binary COPY format (the documentation of
 * COPY, "Binary Format"): the header, then per row the field count and each field as its length and its
 * bytes in the type's binary form, then the trailer. Columns, in order: origin (text), log_index (int8),
 * target_id (uuid), kind (int2), payload (bytea), salt (bytea), scope (varchar).
 */
final class PayloadCopy {
    static final String SQL = "COPY regional_payload (origin, log_index, target_id, kind, payload, salt, scope)"
            + " FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int FIELDS = 7;

    private PayloadCopy() {}

    static byte[] rows(String origin, List<BatchOutcome.Content> content) {
        byte[] originBytes = origin.getBytes(StandardCharsets.UTF_8);
        byte[][] scopes = new byte[content.size()][];
        // Sized exactly and written into one array: this runs on the intake's serial path for every entry.
        int size = SIGNATURE.length + 4 + 4 + 2;
        for (int i = 0; i < content.size(); i++) {
            BatchOutcome.Content row = content.get(i);
            scopes[i] = row.scope().getBytes(StandardCharsets.UTF_8);
            size += 2
                    + FIELDS * 4
                    + originBytes.length
                    + 8
                    + 16
                    + 2
                    + row.payload().length
                    + row.salt().length
                    + scopes[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(SIGNATURE);
        out.putInt(0); // flags: no OIDs
        out.putInt(0); // no header extension
        for (int i = 0; i < content.size(); i++) {
            BatchOutcome.Content row = content.get(i);
            out.putShort((short) FIELDS);
            field(out, originBytes);
            out.putInt(8);
            out.putLong(row.index());
            out.putInt(16);
            out.putLong(row.targetId().getMostSignificantBits());
            out.putLong(row.targetId().getLeastSignificantBits());
            out.putInt(2);
            out.putShort((short) row.kind());
            field(out, row.payload());
            field(out, row.salt());
            field(out, scopes[i]);
        }
        out.putShort((short) -1);
        return out.array();
    }

    private static void field(ByteBuffer out, byte[] value) {
        out.putInt(value.length);
        out.put(value);
    }
}
