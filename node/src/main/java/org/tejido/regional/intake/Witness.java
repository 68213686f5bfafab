package org.tejido.regional.intake;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.Cosigner;
import org.tejido.platform.keys.KeyFiles;

/**
 * The aggregator as witness: the Ed25519 key that cosigns every checkpoint it accepts, in its own file
 * readable only by the aggregator's user (never in the database).
 */
@Component
class Witness {
    private final Cosigner cosigner;

    Witness(
            @Value("${tejido.regional.witness-name:${tejido.node.domain:localhost}/witness}") String name,
            @Value("${tejido.data-dir}") Path dataDir) {
        byte[] seed = KeyFiles.loadOrCreate(dataDir.resolve("keys").resolve("witness.key"), 32, "witness key");
        this.cosigner = new Cosigner(name, Ed25519KeyPair.fromSeed(seed));
    }

    Cosigner cosigner() {
        return cosigner;
    }

    /**
     * The witness's public key as a verifier key string (c2sp.org/signed-note vkey, type 0x04), for
     * nodes and auditors who check cosignatures.
     */
    String verifierKey() {
        return cosigner.name() + "+" + String.format("%08x", Cosigner.keyId(cosigner.name(), cosigner.publicKey()))
                + "+"
                + java.util.Base64.getEncoder()
                        .encodeToString(withType(cosigner.publicKey().toBytes()));
    }

    private static byte[] withType(byte[] key) {
        byte[] typed = new byte[key.length + 1];
        typed[0] = Cosigner.COSIGNATURE_TYPE;
        System.arraycopy(key, 0, typed, 1, key.length);
        return typed;
    }
}
