package org.tejido.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void givenParts_thenTheHashOfTheirConcatenation() {
        assertThat(hex(Sha256.of(bytes("abc")))).isEqualTo(ABC);
        assertThat(hex(Sha256.of(bytes("a"), bytes(""), bytes("bc")))).isEqualTo(ABC);
    }

    @Test
    void givenACallThatFailedHalfWay_thenTheNextCallOnTheThreadIsUnaffected() {
        assertThatThrownBy(() -> Sha256.of(bytes("left over"), null)).isInstanceOf(NullPointerException.class);
        assertThat(hex(Sha256.of(bytes("abc")))).isEqualTo(ABC);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
