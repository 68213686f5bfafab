package org.tejido.regional.intake;

import java.security.cert.X509Certificate;
import org.tejido.platform.pki.FederationTls;
import org.tejido.platform.pki.Fingerprints;

/** The calling node, as its TLS client certificate's public key says, within a gRPC call. */
final class CallerCertificate {
    private CallerCertificate() {}

    /** {@code sha256:<hex>} of the caller's public key, or null when the call carries no certificate. */
    static String fingerprint() {
        X509Certificate certificate = FederationTls.PEER_CERTIFICATE.get();
        return certificate == null ? null : Fingerprints.spkiSha256(certificate.getPublicKey());
    }
}
