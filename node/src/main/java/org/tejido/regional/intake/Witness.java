package org.tejido.regional.intake;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.WitnessKey;
import org.tejido.platform.keys.KeyFiles;

/**
 * The aggregator as witness: the Ed25519 key that cosigns every checkpoint it accepts, in its own file
 * readable only by the aggregator's user (never in the database).
 */
@Component
class Witness {
    private static final Logger log = LoggerFactory.getLogger(Witness.class);

    private final Cosigner cosigner;

    Witness(
            @Value("${tejido.regional.witness-name:${tejido.node.domain:localhost}/witness}") String name,
            @Value("${tejido.data-dir}") Path dataDir) {
        byte[] seed = KeyFiles.loadOrCreate(dataDir.resolve("keys").resolve("witness.key"), 32, "witness key");
        this.cosigner = new Cosigner(name, Ed25519KeyPair.fromSeed(seed));
        log.info(
                "Witness key / clave del testigo (give it to nodes as tejido.federation.witness-key): {}",
                verifierKey());
    }

    Cosigner cosigner() {
        return cosigner;
    }

    /**
     * The witness's public key as a verifier key string (c2sp.org/signed-note vkey, type 0x04), for
     * nodes (tejido.federation.witness-key) and auditors who check cosignatures.
     */
    String verifierKey() {
        return WitnessKey.of(cosigner).format();
    }
}
