package org.tejido.national.sharing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>During a key rotation ({@code keys rotate-log}) a next key sits beside the current one: checkpoints
 * are then signed by both, so that verifiers who know either key can follow the log across the change.
 */
@Component
public class LogIdentity {
    static final String CURRENT_FILE = "log-signing.key";
    static final String NEXT_FILE = "log-signing.next.key";

    private final String origin;
    private final Path keys;
    private volatile NoteSigner signer;
    private volatile NoteSigner next;

    public LogIdentity(
            @Value("${tejido.node.domain:localhost}") String domain,
            @Value("${tejido.node.country:MX}") String country,
            @Value("${tejido.data-dir}") Path dataDir) {
        this.origin = domain + "/" + country + "/v1";
        this.keys = dataDir.resolve("keys");
        byte[] seed = KeyFiles.loadOrCreate(keys.resolve(CURRENT_FILE), 32, "log signing key");
        this.signer = new NoteSigner(origin, Ed25519KeyPair.fromSeed(seed));
        this.next = readNext().orElse(null);
    }

    public String origin() {
        return origin;
    }

    /** The current key. */
    public NoteSigner signer() {
        return signer;
    }

    /** Everyone who signs checkpoints now: the current key, and the next one during a rotation. */
    public List<NoteSigner> signers() {
        NoteSigner announced = next;
        return announced == null ? List.of(signer) : List.of(signer, announced);
    }

    /** The next key, if an operator created one ({@code keys rotate-log}); looked for again on each call. */
    synchronized Optional<NoteSigner> next() {
        if (next == null) {
            next = readNext().orElse(null);
        }
        return Optional.ofNullable(next);
    }

    /**
     * Ends the overlap: the next key becomes the current one, and the old seed is kept aside (renamed,
     * still owner-only) rather than deleted, so that an operator decides when it is destroyed.
     */
    synchronized void promoteNext(Instant now) {
        if (next == null) {
            return;
        }
        try {
            Files.move(
                    keys.resolve(CURRENT_FILE),
                    keys.resolve("log-signing.retired-" + now.getEpochSecond() + ".key"),
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(keys.resolve(NEXT_FILE), keys.resolve(CURRENT_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the next log signing key the current one", e);
        }
        signer = next;
        next = null;
    }

    private Optional<NoteSigner> readNext() {
        Path file = keys.resolve(NEXT_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            byte[] seed = KeyFiles.load(file, 32, "next log signing key");
            return Optional.of(new NoteSigner(origin, Ed25519KeyPair.fromSeed(seed)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the next log signing key", e);
        }
    }
}
