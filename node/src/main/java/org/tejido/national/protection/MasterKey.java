package org.tejido.national.protection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.tejido.platform.keys.KeyFiles;

/**
 * The node's master key: it wraps the data keys and never enters the database. From the environment
 * ({@code TEJIDO_MASTER_KEY}, base64 of 32 bytes) or from a file readable only by the node's user,
 * created on first start when neither is configured.
 */
public final class MasterKey {
    private final SecretKey key;
    private final String id;

    MasterKey(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalStateException("The master key must be 32 bytes / la clave maestra debe tener 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.id = fingerprint(bytes);
    }

    public static MasterKey load(String fromEnvironment, Path file) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new MasterKey(Base64.getDecoder().decode(fromEnvironment.strip()));
        }
        return new MasterKey(KeyFiles.loadOrCreate(file, 32, "master key / clave maestra"));
    }

    /**
     * The configured master key, never created: a command that only reads with it (restore) must not
     * leave a new key behind where the right one is missing.
     */
    public static Optional<MasterKey> existing(String fromEnvironment, Path file) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(load(fromEnvironment, file));
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(new MasterKey(KeyFiles.load(file, 32, "master key / clave maestra")));
    }

    SecretKey secretKey() {
        return key;
    }

    /**
     * A key for another purpose than wrapping data keys (HKDF-SHA256 with this salt and {@code info}):
     * whatever opens with it needs the master key, and it reveals nothing of the master key itself.
     */
    public SecretKey derive(byte[] salt, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(key.getEncoded(), salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] derived = new byte[32];
        hkdf.generateBytes(derived, 0, derived.length);
        return new SecretKeySpec(derived, "AES");
    }

    /** Names the key without revealing it: which master key wrapped which data key (for rotation). */
    public String id() {
        return id;
    }

    private static String fingerprint(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("tejido/v1/master-key-id\0".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
