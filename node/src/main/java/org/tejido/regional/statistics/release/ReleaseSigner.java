package org.tejido.regional.statistics.release;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.ledger.note.SignedNote;
import org.tejido.platform.keys.KeyFiles;

/**
 * The aggregator's release key: Ed25519, in its own file readable only by the aggregator's user, and
 * for releases only (not the witness key, so that one can be rotated or revoked without the other;
 * docs/adr/0035-releases-signed-as-notes.md).
 */
@Component
public class ReleaseSigner {
    private static final Logger log = LoggerFactory.getLogger(ReleaseSigner.class);

    private final NoteSigner signer;

    @Autowired
    ReleaseSigner(
            @Value("${tejido.regional.release-signer-name:${tejido.node.domain:localhost}/releases}") String name,
            @Value("${tejido.data-dir}") Path dataDir) {
        this(name, KeyFiles.loadOrCreate(dataDir.resolve("keys").resolve("release.key"), 32, "release key"));
        log.info("Release key / clave de las publicaciones (auditors verify releases with it): {}", verifierKey());
    }

    ReleaseSigner(String name, byte[] seed) {
        this.signer = new NoteSigner(name, Ed25519KeyPair.fromSeed(seed));
    }

    public String name() {
        return signer.verifierKey().name();
    }

    /** The public key as a signed-note verifier key, {@code <name>+<key id>+<base64 key>}. */
    public NoteVerifierKey verifierKey() {
        return signer.verifierKey();
    }

    public SignedNote sign(ReleaseNote note) {
        try {
            return NoteSigner.signNote(note.text(), List.of(signer));
        } catch (NoteException e) {
            throw new IllegalStateException("a release text is always a valid note", e);
        }
    }
}
