package org.tejido.ledger.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A validated Ed25519 public key. Every signature check in Tejido goes through {@link #verify}, so one
 * verifier (Bouncy Castle's RFC 8032 code) decides everywhere, auditor tools included.
 */
public final class Ed25519PublicKey {

    public static final int SIZE = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

    private final byte[] encoded;

    private Ed25519PublicKey(byte[] encoded) {
        this.encoded = encoded;
    }

    /**
     * Accepts exactly 32 bytes that decode canonically to a point of prime order L. Bouncy Castle's
     * validatePublicKeyFull rejects non-canonical encodings, the identity, the 8 small-order points and any
     * point with a small-order component; such keys let a signer make one signature verify for many messages
     * or under several keys.
     *
     * @throws IllegalArgumentException if the bytes are not such a key
     */
    public static Ed25519PublicKey of(byte[] encoded) {
        if (encoded == null || encoded.length != SIZE) {
            throw new IllegalArgumentException("Ed25519 public key must be " + SIZE + " bytes");
        }
        byte[] copy = encoded.clone();
        if (!Ed25519.validatePublicKeyFull(copy, 0)) {
            throw new IllegalArgumentException("Ed25519 public key is not a valid point of prime order");
        }
        return new Ed25519PublicKey(copy);
    }

    /** False for anything but a valid 64-byte RFC 8032 signature of this exact message by this key. */
    public boolean verify(byte[] message, byte[] signature) {
        if (message == null || signature == null || signature.length != SIGNATURE_SIZE) {
            // BC reads only the first 64 bytes; without this check a padded signature would verify.
            return false;
        }
        return Ed25519.verify(signature, 0, encoded, 0, message, 0, message.length);
    }

    public byte[] toBytes() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey && Arrays.equals(encoded, ((Ed25519PublicKey) other).encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + HexFormat.of().formatHex(encoded) + "]";
    }
}
