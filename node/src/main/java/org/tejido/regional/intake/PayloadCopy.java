package org.tejido.regional.intake;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + content.size() * 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // no header extension
            for (BatchOutcome.Content row : content) {
                out.writeShort(FIELDS);
                field(out, originBytes);
                out.writeInt(8);
                out.writeLong(row.index());
                out.writeInt(16);
                out.writeLong(row.targetId().getMostSignificantBits());
                out.writeLong(row.targetId().getLeastSignificantBits());
                out.writeInt(2);
                out.writeShort(row.kind());
                field(out, row.payload());
                field(out, row.salt());
                field(out, ShareScope.of(row.payload()).getBytes(StandardCharsets.UTF_8));
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
