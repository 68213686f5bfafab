package org.tejido.ledger.leaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.Vectors;

class CommitmentTest {

    @Test
    void domainTagIsAsciiFollowedByZeroByte() {
        assertArrayEquals(Vectors.hex("74656a69646f2f76312f636f6d6d69746d656e7400"), Commitment.domainTag());
    }

    @Test
    void commitmentIsSha256OfTagSaltPayload() throws Exception {
        byte[] salt = new byte[32];
        salt[5] = 9;
        byte[] payload = "{\"kind\":\"threat\"}".getBytes();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("tejido/v1/commitment".getBytes());
        sha.update((byte) 0);
        sha.update(salt);
        sha.update(payload);
        assertArrayEquals(sha.digest(), Commitment.compute(salt, payload));
        assertTrue(Commitment.matches(Commitment.compute(salt, payload), salt, payload));
    }

    @Test
    void otherSaltOrPayloadDoesNotMatch() {
        byte[] salt = new byte[32];
        byte[] commitment = Commitment.compute(salt, new byte[] {1});
        assertFalse(Commitment.matches(commitment, salt, new byte[] {2}));
        byte[] otherSalt = salt.clone();
        otherSalt[0] = 1;
        assertFalse(Commitment.matches(commitment, otherSalt, new byte[] {1}));
        assertFalse(Commitment.matches(commitment, new byte[31], new byte[] {1}));
    }

    @Test
    void saltMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> Commitment.compute(new byte[16], new byte[0]));
    }
}
