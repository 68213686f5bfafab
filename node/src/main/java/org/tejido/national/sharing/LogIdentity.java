package org.tejido.national.sharing;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.platform.keys.KeyFiles;

/**
 * Who this node's log is: its origin ({@code <node-domain>/<country>/v1}) and the Ed25519 key that
 * signs its checkpoints, kept in a file readable only by the node's user (separate from the master key
 * and from TLS keys). Public so that the push to the aggregator ({@code national.push}) signs with the
 * same key instead of loading it a second time.
 */
@Component
public class LogIdentity {
    private final String origin;
    private final NoteSigner signer;

    public LogIdentity(
            @Value("${tejido.node.domain:localhost}") String domain,
            @Value("${tejido.node.country:MX}") String country,
            @Value("${tejido.data-dir}") Path dataDir) {
        this.origin = domain + "/" + country + "/v1";
        byte[] seed = KeyFiles.loadOrCreate(dataDir.resolve("keys").resolve("log-signing.key"), 32, "log signing key");
        this.signer = new NoteSigner(origin, Ed25519KeyPair.fromSeed(seed));
    }

    public String origin() {
        return origin;
    }

    public NoteSigner signer() {
        return signer;
    }
}
