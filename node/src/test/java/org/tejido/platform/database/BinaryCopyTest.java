package org.tejido.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The framing and the binary forms; PostgreSQL reading them back is checked in CaseProjectionIT. */
class BinaryCopyTest {
    private static final UUID ID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    @Test
    void givenRows_whenFinished_thenHeaderFieldsAndTrailerAreInPostgresBinaryForm() {
        byte[] copy = new BinaryCopy(3, 0)
                .row()
                .uuid(ID)
                .timestamptz(Instant.parse("2000-01-01T00:00:01.000002Z"))
                .date(LocalDate.of(1999, 12, 31))
                .finish();

        ByteBuffer in = ByteBuffer.wrap(copy);
        byte[] signature = new byte[11];
        in.get(signature);
        assertThat(signature).isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        assertThat(in.getInt()).as("flags").isZero();
        assertThat(in.getInt()).as("header extension").isZero();
        assertThat(in.getShort()).as("fields in the row").isEqualTo((short) 3);
        assertThat(in.getInt()).isEqualTo(16);
        assertThat(new UUID(in.getLong(), in.getLong())).isEqualTo(ID);
        assertThat(in.getInt()).isEqualTo(8);
        assertThat(in.getLong()).as("microseconds since 2000-01-01 UTC").isEqualTo(1_000_002L);
        assertThat(in.getInt()).isEqualTo(4);
        assertThat(in.getInt()).as("days since 2000-01-01").isEqualTo(-1);
        assertThat(in.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void givenNullsAndArrays_thenNullIsLengthMinusOneAndAnEmptyArrayHasNoDimension() {
        ByteBuffer in = ByteBuffer.wrap(new BinaryCopy(4, 0)
                .row()
                .text(null)
                .bytes(null)
                .textArray(List.of())
                .textArray(List.of("ñ"))
                .finish());
        in.position(BinaryCopy.FRAME_BYTES - 2 + 2);

        assertThat(in.getInt()).isEqualTo(-1);
        assertThat(in.getInt()).isEqualTo(-1);
        assertThat(new int[] {in.getInt(), in.getInt(), in.getInt(), in.getInt()})
                .as("size, dimensions, no nulls, element type text")
                .containsExactly(12, 0, 0, 25);
        assertThat(new int[] {in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt()
                })
                .as("size, one dimension, no nulls, text, length 1, lower bound 1, element of 2 bytes")
                .containsExactly(12 + 8 + 4 + 2, 1, 0, 25, 1, 1, 2);
        assertThat(new byte[] {in.get(), in.get()}).isEqualTo("ñ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void givenTooSmallACapacity_thenTheBufferGrowsAndTheBytesAreTheSame() {
        byte[] grown = rows(new BinaryCopy(2, 0));
        byte[] exact = rows(new BinaryCopy(2, grown.length));

        assertThat(Arrays.equals(grown, exact)).isTrue();
        assertThat(grown.length).isEqualTo(BinaryCopy.FRAME_BYTES + 100 * (2 + 12 + 4 + 5));
    }

    private static byte[] rows(BinaryCopy copy) {
        for (int i = 0; i < 100; i++) {
            copy.row().int8(i).text("fila" + (i % 10));
        }
        return copy.finish();
    }
}
