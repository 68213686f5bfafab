package org.tejido.ledger.crypto;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 signing key (the RFC 8032 32-byte seed) with its public key. The seed never appears in
 * {@link #toString()}, so logging a key pair by mistake leaks nothing.
 */
public final class Ed25519KeyPair {

    public static final int SEED_SIZE = Ed25519.SECRET_KEY_SIZE;

    private final byte[] seed;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        byte[] pk = new byte[Ed25519PublicKey.SIZE];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        this.publicKey = Ed25519PublicKey.of(pk);
    }

    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_SIZE) {
            throw new IllegalArgumentException("Ed25519 seed must be " + SEED_SIZE + " bytes");
        }
        return new Ed25519KeyPair(seed.clone());
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[SEED_SIZE];
        Ed25519.generatePrivateKey(random, seed);
        return new Ed25519KeyPair(seed);
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Deterministic RFC 8032 pure Ed25519: the same seed and message always give the same 64 bytes. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * A copy of the seed, for the one caller that must persist the key (the node's key store). Named loudly
     * so that a review spots every use.
     */
    public byte[] exportSeed() {
        return seed.clone();
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + publicKey + ", seed=<redacted>]";
    }
}
