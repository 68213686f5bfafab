package org.tejido.ledger.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tejido.ledger.Vectors.hex;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ed25519KeysTest {

    /**
     * The eight points of small order on edwards25519, canonically encoded (order 1, 2, 4, 4, 8, 8, 8, 8),
     * as listed in "Taming the many EdDSAs" (Chalkias et al. 2020) and libsodium's blocklist.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0100000000000000000000000000000000000000000000000000000000000000",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            })
    void smallOrderPublicKeysAreRejected(String encoded) {
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(hex(encoded)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Non-canonical encodings (y >= p) of small-order points: also refused.
                "0100000000000000000000000000000000000000000000000000000000000080",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            })
    void nonCanonicalPublicKeysAreRejected(String encoded) {
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(hex(encoded)));
    }

    @Test
    void publicKeysMustBeExactly32Bytes() {
        byte[] good = Ed25519KeyPair.fromSeed(new byte[32]).publicKey().toBytes();
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(Arrays.copyOf(good, 31)));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(Arrays.copyOf(good, 33)));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(null));
        assertEquals(Ed25519PublicKey.of(good), Ed25519PublicKey.of(good.clone()));
    }

    @Test
    void signaturesMustBeExactly64Bytes() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        byte[] message = "tejido".getBytes();
        byte[] signature = pair.sign(message);
        assertTrue(pair.publicKey().verify(message, signature));
        assertFalse(pair.publicKey().verify(message, Arrays.copyOf(signature, 63)));
        assertFalse(pair.publicKey().verify(message, Arrays.copyOf(signature, 65)));
        assertFalse(pair.publicKey().verify(message, new byte[0]));
        assertFalse(pair.publicKey().verify(message, null));
    }

    @Test
    void keyPairNeverShowsItsSeed() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 0x5a);
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
        String text = pair.toString();
        assertFalse(text.toLowerCase().contains(hex(seed)), text);
        assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(seed)), text);
        assertTrue(text.contains(hex(pair.publicKey().toBytes())), text);
        assertTrue(text.contains("redacted"), text);
    }

    @Test
    void seedsAreCopiedNotShared() {
        byte[] seed = new byte[32];
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
        seed[0] = 1;
        assertNotEquals(hex(seed), hex(pair.exportSeed()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519KeyPair.fromSeed(new byte[31]));
    }
}
