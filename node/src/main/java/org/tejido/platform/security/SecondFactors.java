package org.tejido.platform.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.platform.keys.KeyFiles;

/**
 * People's second factor: a TOTP secret per user ({@link Totp}), enrolled and removed with the
 * {@code users totp} command, checked on the second step of signing in to the pages.
 *
 * <p>The node must read the secret back on every sign-in, so it cannot keep only a hash as it does for
 * tokens and passwords. It keeps it encrypted (AES-256-GCM, the user's name as associated data so a
 * secret copied onto another row does not open) with a key of its own in {@code keys/totp.key} under
 * the data directory, outside the database and readable only by the node's user: a copy of the
 * database alone (a dump, a backup, a stolen disk image of the database) holds no usable secret. Not
 * the master key: that one belongs to the national role's protection of identifying data, and the
 * platform, which the regional role uses too, does not depend on it (docs/security.md).
 *
 * <p>Each user's last accepted step is kept: a code is accepted only for a later step than the last
 * one, so a code seen over a shoulder or in a proxy's log cannot be used again, even within its window.
 */
@Component
public class SecondFactors {
    static final String KEY_FILE = "totp.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Path keyFile;
    private final String nodeDomain;

    SecondFactors(
            JdbcTemplate jdbc,
            Clock clock,
            @Value("${tejido.data-dir}") Path dataDir,
            @Value("${tejido.node.domain:localhost}") String nodeDomain) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keyFile = dataDir.resolve("keys").resolve(KEY_FILE);
        this.nodeDomain = nodeDomain;
    }

    /** What the phone app needs, shown once: the otpauth:// address (for a QR code) and the secret in base32. */
    public record Enrolment(String name, String uri, String secret) {
        @Override
        public String toString() {
            return "Enrolment[name=" + name + ", uri=***, secret=***]";
        }
    }

    /**
     * A new secret for an active user, replacing any she had (the old one stops working at once); the
     * secret is in the answer and, encrypted, in the database.
     */
    public Enrolment enrol(String name) {
        NodeUser user = activeUser(name, "se le asigna un segundo factor", "a second factor is given to it");
        byte[] secret = new byte[Totp.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        try {
            jdbc.update(
                    "UPDATE node_user SET totp_secret = ?, totp_enrolled_at = ?, totp_last_step = NULL"
                            + " WHERE name = ? AND disabled_at IS NULL",
                    seal(user.name(), secret),
                    Timestamp.from(clock.instant()),
                    user.name());
            String base32 = base32(secret);
            String account = URLEncoder.encode(user.name() + "@" + nodeDomain, StandardCharsets.UTF_8)
                    .replace("+", "%20");
            String uri = "otpauth://totp/Tejido:" + account + "?secret=" + base32
                    + "&issuer=Tejido&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
            return new Enrolment(user.name(), uri, base32);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Removes a user's second factor; answers whether she had one. */
    public boolean remove(String name) {
        NodeUser user = find(name);
        return jdbc.update(
                        "UPDATE node_user SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL"
                                + " WHERE name = ? AND totp_secret IS NOT NULL",
                        user.name())
                > 0;
    }

    /** Whether this user has a second factor enrolled. */
    boolean enrolled(String name) {
        Boolean enrolled = jdbc.query(
                "SELECT totp_secret IS NOT NULL FROM node_user WHERE name = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE,
                name);
        return Boolean.TRUE.equals(enrolled);
    }

    /** The outcome of checking a code: accepted, not right, or right but already used. */
    enum Check {
        ACCEPTED,
        WRONG,
        REPLAYED,
        /** The stored secret cannot be opened: the key file is missing or another one. */
        UNREADABLE
    }

    /**
     * Checks a code typed by an active, enrolled user and, when it is right, marks its step used in the
     * same statement that checks it was not (two requests racing with one code: one wins).
     */
    Check check(String name, String typed) {
        Optional<byte[]> sealed = jdbc
                .query(
                        "SELECT totp_secret FROM node_user WHERE name = ? AND disabled_at IS NULL"
                                + " AND totp_secret IS NOT NULL",
                        (rs, i) -> rs.getBytes(1),
                        name)
                .stream()
                .findFirst();
        if (sealed.isEmpty()) {
            return Check.WRONG;
        }
        byte[] secret;
        try {
            secret = open(name, sealed.get());
        } catch (GeneralSecurityException | IOException e) {
            return Check.UNREADABLE;
        }
        try {
            OptionalLong step = Totp.matchingStep(secret, typed, clock.instant());
            if (step.isEmpty()) {
                return Check.WRONG;
            }
            int marked = jdbc.update(
                    "UPDATE node_user SET totp_last_step = ? WHERE name = ? AND totp_secret IS NOT NULL"
                            + " AND (totp_last_step IS NULL OR totp_last_step < ?)",
                    step.getAsLong(),
                    name,
                    step.getAsLong());
            return marked == 1 ? Check.ACCEPTED : Check.REPLAYED;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private byte[] seal(String name, byte[] secret) {
        byte[] key = KeyFiles.loadOrCreate(keyFile, 32, "TOTP secrets key / clave de los secretos TOTP");
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Never creates the key: a new key could not open what the missing one sealed. */
    private byte[] open(String name, byte[] sealed) throws GeneralSecurityException, IOException {
        if (!Files.exists(keyFile) || sealed.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("no key file, or nothing sealed");
        }
        byte[] key = KeyFiles.load(keyFile, 32, "TOTP secrets key / clave de los secretos TOTP");
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** RFC 4648 base32 without padding, as authenticator apps take a secret typed by hand. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    private NodeUser activeUser(String name, String spanish, String english) {
        NodeUser user = find(name);
        if (!user.active()) {
            throw new UserRefusal(
                    "\"" + name + "\" está deshabilitado: no " + spanish + ".",
                    "\"" + name + "\" is disabled: no " + english + ".");
        }
        return user;
    }

    private NodeUser find(String name) {
        return jdbc
                .query(
                        "SELECT name, role, created_at, disabled_at FROM node_user WHERE name = ?",
                        (rs, i) -> new NodeUser(
                                rs.getString("name"),
                                Role.parse(rs.getString("role")).orElseThrow(),
                                rs.getTimestamp("created_at").toInstant(),
                                Optional.ofNullable(rs.getTimestamp("disabled_at"))
                                        .map(Timestamp::toInstant)
                                        .orElse(null)),
                        name)
                .stream()
                .findFirst()
                .orElseThrow(() -> new UserRefusal(
                        "No existe ninguna usuaria o usuario llamado \"" + name + "\".",
                        "There is no user named \"" + name + "\"."));
    }
}
