package org.tejido.national.sharing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tejido.platform.keys.KeyFiles;

/**
 * Who a share is about, as other parties see it (payload version 2, docs/federation-protocol.md section
 * 5): {@code ctb-} and the first 16 bytes, in hex, of HMAC-SHA256 under the node's contributor key over
 * a domain tag, a zero byte and the UTF-8 of a defender code. The key never leaves the node (it goes
 * into the node's backup), so a pseudonym is stable within the node, differs at every other node for
 * the same code, and cannot be turned back into the code without the key. The key is separate from the
 * case-id key so that a contributor's pseudonym and a case id are never comparable.
 */
@Component
public final class ContributorPseudonyms {
    static final String KEY_FILE = "contributor.key";
    private static final byte[] DEFENDER = "tejido/v2/contributor\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ATTACK = "tejido/v2/contributor-attack\0".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    @Autowired
    ContributorPseudonyms(@Value("${tejido.data-dir}") Path dataDir) {
        this(KeyFiles.loadOrCreate(dataDir.resolve("keys").resolve(KEY_FILE), 32, "contributor pseudonym key"));
    }

    ContributorPseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The pseudonym of a defender, collective or organization, by its defender code. */
    String ofDefender(String code) {
        return pseudonym(DEFENDER, code);
    }

    /**
     * The pseudonym of whoever an attack naming no defender code was against (one recorded under a
     * consent of its own, ADR 0018): one person or group, known only to that attack.
     */
    String ofAttack(String attackId) {
        return pseudonym(ATTACK, attackId);
    }

    private String pseudonym(byte[] domain, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(domain);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return "ctb-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
