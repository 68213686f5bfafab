package org.tejido.platform.security;

import java.nio.CharBuffer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * People's passwords: at least {@link #MIN_LENGTH} characters, kept only as an Argon2id hash (Spring
 * Security's encoder over Bouncy Castle). Parameters are OWASP's first Argon2id option (19 MiB of
 * memory, 2 passes, 1 lane): a guess costs an attacker who stole the table as much memory as it costs
 * the node per sign-in, about 50 ms here. The encoded hash carries its parameters, so raising them
 * later needs no migration: old hashes still verify.
 */
final class Passwords {
    static final int MIN_LENGTH = 12;
    /** Longer than any passphrase a person types; bounds the work of hashing what is sent. */
    static final int MAX_LENGTH = 256;

    private static final PasswordEncoder ENCODER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    private Passwords() {}

    static PasswordEncoder encoder() {
        return ENCODER;
    }

    /** The hash to store; refuses a password shorter than the minimum or longer than the maximum. */
    static String hash(char[] password) {
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_LENGTH) {
            throw new UserRefusal(
                    "La contraseña es demasiado corta: use al menos " + MIN_LENGTH
                            + " caracteres (una frase de varias palabras es fácil de recordar y difícil de adivinar).",
                    "The password is too short: use at least " + MIN_LENGTH
                            + " characters (a phrase of several words is easy to remember and hard to guess).");
        }
        if (length > MAX_LENGTH) {
            throw new UserRefusal(
                    "La contraseña es demasiado larga: use como mucho " + MAX_LENGTH + " caracteres.",
                    "The password is too long: use at most " + MAX_LENGTH + " characters.");
        }
        return ENCODER.encode(CharBuffer.wrap(password));
    }
}
