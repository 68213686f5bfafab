package org.tejido.regional.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tejido.platform.database.BinaryCopy;

/**
 * Content rows for {@code regional_payload} in PostgreSQL's binary COPY format ({@link BinaryCopy}).
 * Columns, in order: origin (text), log_index (int8), target_id (uuid), kind (int2), payload (bytea),
 * salt (bytea), scope (varchar).
 */
final class PayloadCopy {
    static final String SQL = "COPY regional_payload (origin, log_index, target_id, kind, payload, salt, scope)"
            + " FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 7;

    private PayloadCopy() {}

    static byte[] rows(String origin, List<BatchOutcome.Content> content) {
        byte[] originBytes = origin.getBytes(StandardCharsets.UTF_8);
        byte[][] scopes = new byte[content.size()][];
        // Sized exactly, so written into one array: this runs on the intake's serial path for every entry.
        int size = BinaryCopy.FRAME_BYTES;
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
        BinaryCopy copy = new BinaryCopy(FIELDS, size);
        for (int i = 0; i < content.size(); i++) {
            BatchOutcome.Content row = content.get(i);
            copy.row()
                    .bytes(originBytes)
                    .int8(row.index())
                    .uuid(row.targetId())
                    .int2((short) row.kind())
                    .bytes(row.payload())
                    .bytes(row.salt())
                    .bytes(scopes[i]);
        }
        return copy.finish();
    }
}
