package org.tejido.regional.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.platform.keys.KeyFiles;
import org.tejido.platform.pki.FederationCa;
import org.tejido.platform.pki.TlsIdentity;
import org.tejido.support.TestDatabase;

/**
 * A national node's keys made before its first start, in the operator's order: a log-signing key and a
 * TLS identity in its data directory, so that both can be enrolled at the aggregator before it pushes.
 */
record ProvisionedNode(String origin, Path dataDir, NoteVerifierKey logKey, TlsIdentity tls) {

    static ProvisionedNode provision(TestDatabase database, FederationCa ca, String domain, String country)
            throws Exception {
        Path dataDir = Path.of(database.properties().get("tejido.data-dir"));
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        KeyFiles.createOwnerOnly(
                Files.createDirectories(dataDir.resolve("keys")).resolve("log-signing.key"), seed);
        String origin = domain + "/" + country + "/v1";
        NoteVerifierKey logKey =
                NoteVerifierKey.of(origin, Ed25519KeyPair.fromSeed(seed).publicKey());
        TlsIdentity tls = TlsIdentity.create(
                Files.createDirectories(dataDir.resolve("tls")),
                ca,
                domain,
                FederationCa.Purpose.NODE,
                Duration.ofDays(1),
                List.of());
        return new ProvisionedNode(origin, dataDir, logKey, tls);
    }
}
