package org.tejido.national.sharing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tejido.platform.keys.KeyFiles;

/**
 * The case id other parties see: HMAC-SHA256 of the node's attack id under a key that never leaves the
 * node. Stable (the same attack always gets the same case id, so retractions find it) but not linkable
 * to the node's own identifiers without the key.
 */
@Component
class Pseudonyms implements UnaryOperator<String> {
    private static final byte[] DOMAIN = "tejido/v1/case-id\0".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    @Autowired
    Pseudonyms(@Value("${tejido.data-dir}") Path dataDir) {
        this(KeyFiles.loadOrCreate(dataDir.resolve("keys").resolve("case-id.key"), 32, "case-id pseudonym key"));
    }

    Pseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String apply(String attackId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(DOMAIN);
            byte[] digest = mac.doFinal(attackId.getBytes(StandardCharsets.UTF_8));
            return "case-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
