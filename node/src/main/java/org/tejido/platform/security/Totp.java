package org.tejido.platform.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time codes: HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA1, 6 digits, 30-second steps, as
 * every phone authenticator app computes them by default. A code is accepted for the step of the
 * node's clock and one step either side (a phone's clock a little off, a code typed just as it
 * changed); which step matched is answered, so the caller can refuse the same step twice (replay).
 */
final class Totp {
    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    /** Steps accepted on either side of the current one. */
    static final int TOLERANCE = 1;
    /** 160 bits: the length RFC 4226 recommends and HMAC-SHA1's own block of output. */
    static final int SECRET_BYTES = 20;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {}

    /** HOTP(K, C) per RFC 4226 section 5.3: HMAC-SHA1, dynamic truncation, the last {@code digits} digits. */
    static String hotp(byte[] secret, long counter, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The TOTP step of an instant: whole steps since the Unix epoch (RFC 6238 section 4.2, T0 = 0). */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    static String code(byte[] secret, long step) {
        return hotp(secret, step, DIGITS);
    }

    /**
     * The step whose code this is, among the current one and {@link #TOLERANCE} either side; empty when
     * none matches or the code is not six digits. Every step of the window is computed and compared in
     * constant time, so the time taken does not tell which one came close.
     */
    static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        if (typed == null || typed.length() != DIGITS || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] presented = typed.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long current = step(now);
        long match = Long.MIN_VALUE;
        for (long step = current - TOLERANCE; step <= current + TOLERANCE; step++) {
            byte[] expected = code(secret, step).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, presented)) {
                match = step;
            }
        }
        return match == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(match);
    }
}
