package org.tejido.support;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The phone app of a test person: TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s) from the base32
 * secret the users command printed, written apart from the node's own code so that a mistake there is
 * not repeated here. The node refuses a step used before, so each code handed out is for a step later
 * than the last one handed out for the same secret (the node accepts one step ahead of its clock).
 */
public final class OneTimeCodes {
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private OneTimeCodes() {}

    /** The code of a step not handed out before, within the node's window (waits when all are used). */
    public static String next(String base32Secret) {
        while (true) {
            long now = step(Instant.now());
            Long last = LAST_STEP.get(base32Secret);
            long step = last == null ? now : Math.max(now - 1, last + 1);
            if (step <= now + 1) {
                LAST_STEP.put(base32Secret, step);
                return code(base32Secret, step);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The code of the current step, whether handed out before or not (to try a replay). */
    public static String now(String base32Secret) {
        return code(base32Secret, step(Instant.now()));
    }

    public static long step(Instant at) {
        return at.getEpochSecond() / 30;
    }

    public static String code(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[19] & 0xf;
            int value =
                    ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", value % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4648 base32, without padding. */
    public static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            int v = alphabet.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
