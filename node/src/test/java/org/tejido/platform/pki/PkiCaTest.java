package org.tejido.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.naming.ldap.LdapName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.platform.pki.FederationCa.Purpose;

class PkiCaTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path dir;

    @Test
    void aNewCaIsASelfSignedP256CaForTenYearsWithItsKeyPrivateToTheUser() throws Exception {
        // when
        FederationCa ca = FederationCa.create(dir, "Tejido federation CA");

        // then
        X509Certificate certificate = ca.certificate();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Tejido federation CA");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getBasicConstraints()).isZero(); // CA, pathLen 0
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isFalse();
        assertThat(certificate.getNotAfter().toInstant())
                .isAfter(Instant.now().plus(Duration.ofDays(3650)))
                .isBefore(Instant.now().plus(Duration.ofDays(3660)));
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(ca.fingerprint()).isEqualTo(Fingerprints.spkiSha256(certificate.getPublicKey()));
        assertThat(ca.toString()).doesNotContain("PRIVATE").contains("<redacted>");
    }

    @Test
    void anExistingCaIsNeverOverwritten() throws Exception {
        // given
        FederationCa.create(dir, "first");
        String before = Files.readString(dir.resolve("ca.crt"));

        // when / then
        assertThatThrownBy(() -> FederationCa.create(dir, "second"))
                .isInstanceOfSatisfying(
                        PkiException.class, e -> assertThat(e.code()).isEqualTo("pki.file-exists"));
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(before);
    }

    @Test
    void aLoadedCaIssuesCertificatesThatChainToIt() throws Exception {
        // given
        X509Certificate created = FederationCa.create(dir, "CA").certificate();
        FederationCa ca = FederationCa.load(dir);
        KeyPair node = FederationCa.generateKeyPair();

        // when
        X509Certificate certificate = ca.issue(node.getPublic(), "mx.example", Purpose.NODE, Duration.ofDays(30));

        // then
        assertThat(ca.certificate()).isEqualTo(created);
        validate(certificate, created);
        assertThat(certificate.getPublicKey()).isEqualTo(node.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mx.example");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(certificate.getNotAfter().toInstant())
                .isBetween(
                        Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void anAggregatorCertificateIsForServersAndNamesLoopbackAndTheExtraNames() throws Exception {
        // given
        FederationCa ca = FederationCa.create(dir, "CA");

        // when
        X509Certificate certificate = ca.issue(
                FederationCa.generateKeyPair().getPublic(),
                "aggregator",
                Purpose.AGGREGATOR,
                Duration.ofDays(365),
                List.of("aggregator.example.org"));

        // then
        validate(certificate, ca.certificate());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(
                        List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(2, "aggregator.example.org"));
    }

    @Test
    void serialsAreRandomAndCertificatesNeverOutliveTheCa() throws Exception {
        // given
        FederationCa ca = FederationCa.create(dir, "CA");
        KeyPair node = FederationCa.generateKeyPair();

        // when
        X509Certificate one = ca.issue(node.getPublic(), "n", Purpose.NODE, Duration.ofDays(100_000));
        X509Certificate two = ca.issue(node.getPublic(), "n", Purpose.NODE, Duration.ofDays(1));

        // then
        assertThat(one.getSerialNumber()).isPositive().isNotEqualTo(two.getSerialNumber());
        assertThat(one.getSerialNumber().bitLength()).isGreaterThan(64);
        assertThat(one.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void aCertificateFromAnotherCaDoesNotValidate() throws Exception {
        // given
        FederationCa ours = FederationCa.create(dir.resolve("ours"), "CA");
        FederationCa theirs = FederationCa.create(dir.resolve("theirs"), "CA");

        // when
        X509Certificate foreign =
                theirs.issue(FederationCa.generateKeyPair().getPublic(), "n", Purpose.NODE, Duration.ofDays(1));

        // then
        assertThatThrownBy(() -> validate(foreign, ours.certificate())).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void aNameCannotSmuggleMoreAttributesIntoTheSubject() throws Exception {
        // given
        FederationCa ca = FederationCa.create(dir, "CA");

        // when
        X509Certificate certificate =
                ca.issue(FederationCa.generateKeyPair().getPublic(), "mx, O=Evil", Purpose.NODE, Duration.ofDays(1));

        // then: one CN whose value holds the comma
        var rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
        assertThat(rdns).hasSize(1);
        assertThat(rdns.get(0).getType()).isEqualTo("CN");
        assertThat(rdns.get(0).getValue()).isEqualTo("mx, O=Evil");
    }

    @Test
    void aCaKeyReadableByOthersIsRefused() throws Exception {
        // given
        FederationCa.create(dir, "CA");
        Files.setPosixFilePermissions(dir.resolve("ca.key"), PosixFilePermissions.fromString("rw-r--r--"));

        // when / then
        assertThatThrownBy(() -> FederationCa.load(dir)).isInstanceOfSatisfying(PkiException.class, e -> {
            assertThat(e.code()).isEqualTo("pki.key-readable-by-others");
            assertThat(e.spanish()).contains("legible por otros");
            assertThat(e.english()).contains("readable by other users");
        });
    }

    /** The JDK's own PKIX validation (no revocation lists: the federation has none). */
    private static void validate(X509Certificate certificate, X509Certificate ca) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        var path = factory.generateCertPath(List.of(
                (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.getEncoded()))));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
}
