package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * HOTP and TOTP against the RFCs' own test vectors, then the window of steps accepted around the
 * node's clock. (That a code is not accepted twice is kept in the database: SecondFactorsIT.)
 */
class TotpTest {
    /** The shared secret of both RFCs' test vectors: the ASCII string "12345678901234567890". */
    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 4226, Appendix D (HOTP Algorithm: Test Values): counter 0 to 9, 6 digits. */
    @Test
    void hotpMatchesRfc4226AppendixD() {
        String[] expected = {
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"
        };
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.hotp(RFC_SECRET, counter, 6))
                    .as("counter " + counter)
                    .isEqualTo(expected[counter]);
        }
    }

    /**
     * RFC 6238, Appendix B (Test Vectors), the SHA1 rows: time (seconds since the epoch), the step T in
     * hex as the RFC prints it, and the 8-digit TOTP. Six digits are the last six of these.
     */
    @Test
    void totpMatchesRfc6238AppendixBSha1Vectors() {
        Object[][] vectors = {
            {59L, 0x1L, "94287082"},
            {1111111109L, 0x23523ECL, "07081804"},
            {1111111111L, 0x23523EDL, "14050471"},
            {1234567890L, 0x273EF07L, "89005924"},
            {2000000000L, 0x3F940AAL, "69279037"},
            {20000000000L, 0x27BC86AAL, "65353130"},
        };
        for (Object[] v : vectors) {
            Instant at = Instant.ofEpochSecond((Long) v[0]);
            long step = Totp.step(at);
            assertThat(step).as("T at " + v[0]).isEqualTo((Long) v[1]);
            assertThat(Totp.hotp(RFC_SECRET, step, 8)).as("TOTP at " + v[0]).isEqualTo(v[2]);
            String sixDigits = ((String) v[2]).substring(2);
            assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(sixDigits);
            assertThat(Totp.matchingStep(RFC_SECRET, sixDigits, at)).isEqualTo(OptionalLong.of(step));
        }
    }

    @Test
    void oneStepEitherSideIsAcceptedAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_700_000_015L); // the middle of a step
        long current = Totp.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current + offset), now))
                    .as("offset " + offset)
                    .isEqualTo(OptionalLong.of(current + offset));
        }
        for (long offset : new long[] {-3, -2, 2, 3}) {
            String code = Totp.code(RFC_SECRET, current + offset);
            // A code of a step outside the window could equal one inside by chance (1 in a million).
            boolean collides = false;
            for (long inside = -1; inside <= 1; inside++) {
                collides |= code.equals(Totp.code(RFC_SECRET, current + inside));
            }
            assertThat(collides).isFalse();
            assertThat(Totp.matchingStep(RFC_SECRET, code, now))
                    .as("offset " + offset)
                    .isEmpty();
        }
        // The window moves with the clock: 30 s later, the code of the step before the old one is out.
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current - 1), now.plusSeconds(30)))
                .isEmpty();
    }

    @Test
    void anythingButSixDigitsIsNotACode() {
        Instant now = Instant.ofEpochSecond(59);
        String right = Totp.code(RFC_SECRET, Totp.step(now));
        assertThat(Totp.matchingStep(RFC_SECRET, right, now)).isPresent();
        for (String typed : new String[] {
            null, "", "28708", "2870822", "94287082", " 287082", "28708a", "２８７０８２", "-28708", "+287082"
        }) {
            assertThat(Totp.matchingStep(RFC_SECRET, typed, now))
                    .as(String.valueOf(typed))
                    .isEmpty();
        }
        // Another secret's code is not this one's.
        byte[] other = "09876543210987654321".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.matchingStep(other, right, now)).isEmpty();
    }

    @Test
    void secretsAreWrittenInBase32AsRfc4648Says() {
        // RFC 4648 section 10 test vectors, without padding.
        assertThat(SecondFactors.base32("".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(SecondFactors.base32("f".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MY");
        assertThat(SecondFactors.base32("fo".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MZXQ");
        assertThat(SecondFactors.base32("foo".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MZXW6");
        assertThat(SecondFactors.base32("foob".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MZXW6YQ");
        assertThat(SecondFactors.base32("fooba".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MZXW6YTB");
        assertThat(SecondFactors.base32("foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MZXW6YTBOI");
        assertThat(SecondFactors.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
