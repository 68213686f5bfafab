package org.tejido.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over the concatenation of byte strings; every hash in the log format goes through here. */
public final class Sha256 {

    public static final int SIZE = 32;

    // One digest per thread: looking one up through the security providers cost more than hashing a leaf.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {}

    public static byte[] of(byte[]... parts) {
        MessageDigest digest = DIGEST.get();
        // digest() resets it, but a null part may have failed half-way through an earlier call.
        digest.reset();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256, so this is a broken JDK, not bad input.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
