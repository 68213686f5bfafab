package org.tejido.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.platform.pki.FederationCa.Purpose;
import org.tejido.support.SecurityLog;

/** A client that sends a certificate of another CA anyway is refused, and the refusal is a security event. */
class RefusalLoggingTrustManagerTest {
    @TempDir
    Path dir;

    @Test
    void aCertificateOfAnotherCaIsRefusedAndLoggedByItsKeyFingerprint() {
        // given
        FederationCa ca = FederationCa.create(dir.resolve("ca"), "Federation CA");
        FederationCa other = FederationCa.create(dir.resolve("other"), "Another CA");
        TlsIdentity foreign =
                TlsIdentity.create(dir.resolve("xx"), other, "xx", Purpose.NODE, Duration.ofDays(1), List.of());
        RefusalLoggingTrustManager trust = RefusalLoggingTrustManager.trusting(ca.certificate());

        try (SecurityLog security = SecurityLog.capture()) {
            // when / then
            assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {foreign.certificate()}, "UNKNOWN"))
                    .isInstanceOf(CertificateException.class);
            assertThat(security.events())
                    .singleElement()
                    .asString()
                    .startsWith("SECURITY federation TLS client certificate refused: reason=UNTRUSTED_CERTIFICATE"
                            + " caller="
                            + Fingerprints.spkiSha256(foreign.certificate().getPublicKey()));
        }
    }

    @Test
    void aNodeCertificateOfTheFederationCaIsTrustedSilently() {
        // given
        FederationCa ca = FederationCa.create(dir.resolve("ca"), "Federation CA");
        TlsIdentity node = TlsIdentity.create(dir.resolve("mx"), ca, "mx", Purpose.NODE, Duration.ofDays(1), List.of());
        RefusalLoggingTrustManager trust = RefusalLoggingTrustManager.trusting(ca.certificate());

        try (SecurityLog security = SecurityLog.capture()) {
            // when / then
            assertThatCode(() -> trust.checkClientTrusted(new X509Certificate[] {node.certificate()}, "UNKNOWN"))
                    .doesNotThrowAnyException();
            assertThat(security.events()).isEmpty();
        }
    }
}
