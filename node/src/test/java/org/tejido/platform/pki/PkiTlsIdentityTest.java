package org.tejido.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.platform.pki.FederationCa.Purpose;

class PkiTlsIdentityTest {
    @TempDir
    Path dir;

    private FederationCa ca() {
        return FederationCa.create(dir.resolve("ca"), "CA");
    }

    @Test
    void aCreatedIdentityLoadsBackWithTheSameKeyAndFingerprint() throws Exception {
        // given
        TlsIdentity created =
                TlsIdentity.create(dir.resolve("mx"), ca(), "mx.example", Purpose.NODE, Duration.ofDays(30), List.of());

        // when
        TlsIdentity loaded = TlsIdentity.load(dir.resolve("mx"));

        // then
        assertThat(loaded.certificate()).isEqualTo(created.certificate());
        assertThat(loaded.key().getEncoded()).isEqualTo(created.key().getEncoded());
        assertThat(loaded.trustedCa()).isEqualTo(created.trustedCa());
        assertThat(loaded.fingerprint())
                .isEqualTo(created.fingerprint())
                .isEqualTo(Fingerprints.spkiSha256(created.certificate().getPublicKey()));
        assertThat(Files.getPosixFilePermissions(dir.resolve("mx/tls.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(loaded.toString()).contains("<redacted>").doesNotContain("PRIVATE");
    }

    @Test
    void anExistingIdentityIsNeverOverwritten() {
        // given
        FederationCa ca = ca();
        TlsIdentity.create(dir.resolve("mx"), ca, "mx", Purpose.NODE, Duration.ofDays(1), List.of());

        // when / then
        assertThatThrownBy(() ->
                        TlsIdentity.create(dir.resolve("mx"), ca, "mx", Purpose.NODE, Duration.ofDays(1), List.of()))
                .isInstanceOfSatisfying(
                        PkiException.class, e -> assertThat(e.code()).isEqualTo("pki.file-exists"));
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        // given
        TlsIdentity.create(dir.resolve("mx"), ca(), "mx", Purpose.NODE, Duration.ofDays(1), List.of());
        Files.delete(dir.resolve("mx/ca.crt"));

        // when / then
        assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("mx"))).isInstanceOfSatisfying(PkiException.class, e -> {
            assertThat(e.code()).isEqualTo("pki.file-missing");
            assertThat(e.spanish()).contains("Falta el archivo").contains("ca.crt");
            assertThat(e.english()).contains("is missing").contains("ca.crt");
        });
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        // given two identities, and the key of one put beside the certificate of the other
        FederationCa ca = ca();
        TlsIdentity.create(dir.resolve("mx"), ca, "mx", Purpose.NODE, Duration.ofDays(1), List.of());
        TlsIdentity.create(dir.resolve("gt"), ca, "gt", Purpose.NODE, Duration.ofDays(1), List.of());
        Files.copy(dir.resolve("gt/tls.key"), dir.resolve("mx/tls.key"), StandardCopyOption.REPLACE_EXISTING);

        // when / then
        assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("mx")))
                .isInstanceOfSatisfying(
                        PkiException.class, e -> assertThat(e.code()).isEqualTo("pki.key-mismatch"));
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        // given
        TlsIdentity.create(dir.resolve("mx"), ca(), "mx", Purpose.NODE, Duration.ofDays(1), List.of());
        FederationCa.create(dir.resolve("other"), "Other CA");
        Files.copy(dir.resolve("other/ca.crt"), dir.resolve("mx/ca.crt"), StandardCopyOption.REPLACE_EXISTING);

        // when / then
        assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("mx")))
                .isInstanceOfSatisfying(
                        PkiException.class, e -> assertThat(e.code()).isEqualTo("pki.not-issued-by-ca"));
    }

    @Test
    void garbageInsteadOfAKeyIsUnreadableAndTheMessageQuotesNothingOfIt() throws Exception {
        // given
        TlsIdentity.create(dir.resolve("mx"), ca(), "mx", Purpose.NODE, Duration.ofDays(1), List.of());
        Path key = dir.resolve("mx/tls.key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n");

        // when / then
        assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("mx"))).isInstanceOfSatisfying(PkiException.class, e -> {
            assertThat(e.code()).isEqualTo("pki.file-unreadable");
            assertThat(e.getMessage()).doesNotContain("c2VjcmV0");
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    void aKeyReadableByOthersIsRefused() throws Exception {
        // given
        TlsIdentity.create(dir.resolve("mx"), ca(), "mx", Purpose.NODE, Duration.ofDays(1), List.of());
        Files.setPosixFilePermissions(dir.resolve("mx/tls.key"), PosixFilePermissions.fromString("rw-r-----"));

        // when / then
        assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("mx")))
                .isInstanceOfSatisfying(
                        PkiException.class, e -> assertThat(e.code()).isEqualTo("pki.key-readable-by-others"));
    }
}
