package org.tejido.ledger.leaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LeafCodecTest {

    private static final byte[] ZERO = new byte[32];
    private static final int ORIGIN_OFFSET = 3;

    private static LeafV1 sample(LeafKind kind) {
        return TestLeaves.leaf(TestLeaves.ORIGIN, 0, ZERO, kind);
    }

    private static byte[] encoded() {
        return LeafCodec.encode(sample(LeafKind.SHARED));
    }

    /** Offset of the field that follows the origin, given the sample's origin length. */
    private static int afterOrigin() {
        return ORIGIN_OFFSET + TestLeaves.ORIGIN.getBytes(StandardCharsets.UTF_8).length;
    }

    @ParameterizedTest
    @EnumSource(LeafKind.class)
    void everyKindRoundTrips(LeafKind kind) throws Exception {
        LeafV1 leaf = sample(kind);
        byte[] bytes = LeafCodec.encode(leaf);
        assertEquals(LeafCodec.FIXED_SIZE + TestLeaves.ORIGIN.length(), bytes.length);
        assertEquals(112, LeafCodec.FIXED_SIZE);
        assertEquals(leaf, LeafCodec.decode(bytes));
        assertArrayEquals(bytes, LeafCodec.encode(LeafCodec.decode(bytes)));
    }

    @Test
    void extremesRoundTrip() throws Exception {
        String longOrigin = "\u00e9".repeat(127) + "x"; // 255 UTF-8 bytes
        byte[] previous = new byte[32];
        previous[31] = 1;
        LeafV1 leaf = new LeafV1(
                longOrigin,
                Long.MAX_VALUE,
                previous,
                TestLeaves.id(1),
                LeafKind.PADDING,
                TestLeaves.id(2),
                LeafV1.MAX_EPOCH_DAY,
                new byte[32]);
        assertEquals(leaf, LeafCodec.decode(LeafCodec.encode(leaf)));
    }

    @Test
    void layoutIsBigEndianAndFixed() {
        LeafV1 leaf = sample(LeafKind.CONSENT_REVOKED);
        ByteBuffer b = ByteBuffer.wrap(LeafCodec.encode(leaf));
        assertEquals(1, b.get());
        assertEquals(TestLeaves.ORIGIN.length(), b.getShort());
        b.position(afterOrigin());
        assertEquals(0L, b.getLong());
        b.position(b.position() + 32 + 16);
        assertEquals(3, b.get());
        b.position(b.position() + 16);
        assertEquals(leaf.epochDay(), b.getInt());
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = encoded();
        for (int length = 0; length < bytes.length; length++) {
            assertRejected(LeafFormatFailure.TRUNCATED, Arrays.copyOf(bytes, length));
        }
    }

    @Test
    void trailingByteIsRefused() {
        assertRejected(LeafFormatFailure.TRAILING_BYTES, Arrays.copyOf(encoded(), encoded().length + 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0x81, 0xff})
    void unknownVersionIsRefused(int version) {
        byte[] bytes = encoded();
        bytes[0] = (byte) version;
        assertRejected(LeafFormatFailure.UNKNOWN_VERSION, bytes);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 0x80, 0xff})
    void unknownKindIsRefused(int kind) {
        byte[] bytes = encoded();
        bytes[afterOrigin() + 8 + 32 + 16] = (byte) kind;
        assertRejected(LeafFormatFailure.UNKNOWN_KIND, bytes);
    }

    @Test
    void oversizedOrEmptyOriginIsRefused() {
        assertRejected(LeafFormatFailure.ORIGIN_LENGTH, withOrigin(new byte[256], 256));
        assertRejected(LeafFormatFailure.ORIGIN_LENGTH, withOrigin(new byte[0], 0));
        byte[] ok = new byte[255];
        Arrays.fill(ok, (byte) 'a');
        assertThrows(
                IllegalArgumentException.class, () -> TestLeaves.leaf(new String(ok) + "a", 0, ZERO, LeafKind.SHARED));
        assertThrows(IllegalArgumentException.class, () -> TestLeaves.leaf("", 0, ZERO, LeafKind.SHARED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c328", "c0af", "eda080", "ff", "e282"})
    void originThatIsNotUtf8IsRefused(String hex) {
        byte[] origin = java.util.HexFormat.of().parseHex(hex);
        assertRejected(LeafFormatFailure.ORIGIN_NOT_UTF8, withOrigin(origin, origin.length));
    }

    @Test
    void originWithControlCharacterIsRefused() {
        byte[] origin = "mx\nMX".getBytes(StandardCharsets.UTF_8);
        assertRejected(LeafFormatFailure.ORIGIN_CONTROL_CHARACTER, withOrigin(origin, origin.length));
        assertThrows(IllegalArgumentException.class, () -> TestLeaves.leaf("mx\nMX", 0, ZERO, LeafKind.SHARED));
    }

    @Test
    void indexAbove63BitsIsRefused() {
        byte[] bytes = encoded();
        bytes[afterOrigin()] = (byte) 0x80;
        assertRejected(LeafFormatFailure.INDEX_OUT_OF_RANGE, bytes);
    }

    @Test
    void firstLeafMustHaveZeroPreviousHash() {
        byte[] bytes = encoded();
        bytes[afterOrigin() + 8 + 31] = 1;
        assertRejected(LeafFormatFailure.GENESIS_PREVIOUS_HASH, bytes);
        byte[] previous = new byte[32];
        previous[0] = 1;
        assertThrows(
                IllegalArgumentException.class, () -> TestLeaves.leaf(TestLeaves.ORIGIN, 0, previous, LeafKind.SHARED));
    }

    @Test
    void constructorRefusesWhatCannotBeEncoded() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new LeafV1("o", 1, ZERO, new byte[15], LeafKind.SHARED, new byte[16], 0, ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LeafV1("o", 1, ZERO, new byte[16], LeafKind.SHARED, new byte[16], 1L << 32, ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LeafV1("o", -1, ZERO, new byte[16], LeafKind.SHARED, new byte[16], 0, ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LeafV1("o", 1, new byte[31], new byte[16], LeafKind.SHARED, new byte[16], 0, ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LeafV1("\ud800", 1, ZERO, new byte[16], LeafKind.SHARED, new byte[16], 0, ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "\udc00", "mx\ud83d", "\ude00mx", "\ud83d\ud83d"})
    void originWithALoneSurrogateIsRefusedByTheConstructor(String origin) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> TestLeaves.leaf(origin, 0, ZERO, LeafKind.SHARED));
        org.assertj.core.api.Assertions.assertThat(refused).hasMessageContaining("lone surrogate");
    }

    @Test
    void originLengthIsCountedInUtf8Bytes() throws Exception {
        // é is 2 bytes, € 3, 😀 (a surrogate pair) 4: 252 + 3 = 255 bytes is the limit, one more is over.
        String atLimit = "\u00e9".repeat(126) + "\u20ac";
        LeafV1 leaf = TestLeaves.leaf(atLimit, 0, ZERO, LeafKind.SHARED);
        org.assertj.core.api.Assertions.assertThat(
                        LeafCodec.decode(LeafCodec.encode(leaf)).origin())
                .isEqualTo(atLimit);
        String emoji = "\u00e9".repeat(125) + "\ud83d\ude00" + "x";
        org.assertj.core.api.Assertions.assertThat(
                        TestLeaves.leaf(emoji, 0, ZERO, LeafKind.SHARED).origin())
                .isEqualTo(emoji);
        assertThrows(IllegalArgumentException.class, () -> TestLeaves.leaf(atLimit + "x", 0, ZERO, LeafKind.SHARED));
        assertThrows(IllegalArgumentException.class, () -> TestLeaves.leaf(emoji + "x", 0, ZERO, LeafKind.SHARED));
    }

    @Test
    void asciiOriginWithAControlCharacterIsRefusedWhenDecoded() {
        for (String origin : new String[] {"mx\tMX", "\u0000", "mx\u001f"}) {
            byte[] raw = origin.getBytes(StandardCharsets.US_ASCII);
            assertRejected(LeafFormatFailure.ORIGIN_CONTROL_CHARACTER, withOrigin(raw, raw.length));
        }
    }

    @Test
    void leafIsImmutable() {
        byte[] entryId = TestLeaves.id(5);
        LeafV1 leaf = new LeafV1("o", 1, ZERO, entryId, LeafKind.SHARED, TestLeaves.id(6), 1, ZERO);
        entryId[0] ^= 1;
        leaf.entryId()[1] ^= 1;
        assertArrayEquals(TestLeaves.id(5), leaf.entryId());
    }

    /** The sample leaf with its origin field replaced by {@code origin} and the length field set to {@code length}. */
    private static byte[] withOrigin(byte[] origin, int length) {
        byte[] bytes = encoded();
        byte[] rest = Arrays.copyOfRange(bytes, afterOrigin(), bytes.length);
        return ByteBuffer.allocate(3 + origin.length + rest.length)
                .put((byte) 1)
                .putShort((short) length)
                .put(origin)
                .put(rest)
                .array();
    }

    private static void assertRejected(LeafFormatFailure expected, byte[] bytes) {
        LeafFormatException e = assertThrows(LeafFormatException.class, () -> LeafCodec.decode(bytes));
        assertEquals(expected, e.failure(), e.getMessage());
    }
}
