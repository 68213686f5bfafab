package org.tejido.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Access tokens: 32 random bytes from {@link SecureRandom}, written in base64url without padding (43
 * characters). The node keeps only their SHA-256: a token has 256 bits of entropy, so nobody can guess
 * one back from its hash, and a slow password hash (bcrypt, Argon2) would buy nothing but a slower
 * request. Hashes are compared with {@link MessageDigest#isEqual}, in constant time.
 */
final class Tokens {
    static final int BYTES = 32;
    /** Anything longer is not one of ours; refused before hashing. */
    static final int MAX_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the token as presented (its ASCII characters). */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
