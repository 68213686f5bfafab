package org.tejido.national.protection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
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

    SecretKey secretKey() {
        return key;
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
