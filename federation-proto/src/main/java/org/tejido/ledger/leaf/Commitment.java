package org.tejido.ledger.leaf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.tejido.ledger.Sha256;

/**
 * The salted commitment that binds a leaf to its payload: SHA-256("tejido/v1/commitment" || 0x00 || salt ||
 * payload). Salt and payload travel beside the leaf; erasing them leaves an unlinkable hash behind, and the
 * 32-byte random salt stops anyone from confirming a guessed payload against it.
 */
public final class Commitment {

    public static final int SALT_SIZE = 32;

    private static final byte[] DOMAIN_TAG = "tejido/v1/commitment\0".getBytes(StandardCharsets.US_ASCII);

    private Commitment() {}

    public static byte[] domainTag() {
        return DOMAIN_TAG.clone();
    }

    public static byte[] compute(byte[] salt, byte[] payload) {
        if (salt == null || salt.length != SALT_SIZE) {
            throw new IllegalArgumentException("salt must be " + SALT_SIZE + " bytes");
        }
        return Sha256.of(DOMAIN_TAG, salt, payload);
    }

    public static boolean matches(byte[] commitment, byte[] salt, byte[] payload) {
        return commitment != null
                && salt != null
                && salt.length == SALT_SIZE
                && MessageDigest.isEqual(commitment, compute(salt, payload));
    }
}
