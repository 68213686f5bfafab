package org.tejido.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.platform.pki.FederationCa.Purpose;

class HttpsCertificateTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DNS = 2;
    private static final int IP = 7;

    @TempDir
    Path dir;

    @Test
    void aSelfSignedCertificateNamesTheGivenHostsAndThisMachineAndServesTlsServersOnly() throws Exception {
        // when
        X509Certificate certificate =
                HttpsCertificate.create(dir, List.of("Tejido.Oficina.lan", "192.168.1.20", "2001:db8::20"), 30, null);

        // then: the names browsers check, hosts as DNS names and addresses as addresses
        assertThat(certificate.getSubjectAlternativeNames())
                .extracting(name -> List.of(name.get(0), name.get(1)))
                .containsExactlyInAnyOrder(
                        List.of(DNS, "localhost"),
                        List.of(IP, "127.0.0.1"),
                        List.of(IP, "0:0:0:0:0:0:0:1"),
                        List.of(DNS, "tejido.oficina.lan"),
                        List.of(IP, "192.168.1.20"),
                        List.of(IP, "2001:db8:0:0:0:0:0:20"));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=tejido.oficina.lan");
        // self-signed, an end entity: it cannot sign other certificates
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        // digitalSignature only (ECDHE), for TLS servers only
        assertThat(certificate.getKeyUsage())
                .containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        // valid from a few minutes ago, for the days asked
        Instant now = Instant.now();
        assertThat(certificate.getNotBefore().toInstant()).isBetween(now.minus(Duration.ofMinutes(6)), now);
        assertThat(certificate.getNotAfter().toInstant())
                .isCloseTo(now.plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        // the files: the key readable only by this user, and the pair accepted by the start's check
        assertThat(Files.getPosixFilePermissions(dir.resolve("https.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("https.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(HttpsCertificate.check(dir.resolve("https.crt"), dir.resolve("https.key")))
                .isEqualTo(certificate);
    }

    @Test
    void aCertificateSignedByTheOfficeCaIsIssuedByItAndLastsTheLongestAppleAccepts() throws Exception {
        // given
        FederationCa ca = FederationCa.create(dir.resolve("office-ca"), "Oficina CA");

        // when: the default length, as the keys command asks
        X509Certificate certificate = HttpsCertificate.create(
                dir.resolve("keys"), List.of("tejido.oficina.lan", "servidor1"), HttpsCertificate.MAX_DAYS, ca);

        // then
        certificate.verify(ca.certificate().getPublicKey());
        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                .isNotNull();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(Duration.between(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(Duration.ofDays(825).plusMinutes(6));
        assertThat(HttpsCertificate.subjectNames(certificate)).contains("tejido.oficina.lan", "servidor1", "localhost");
        assertThat(HttpsCertificate.check(dir.resolve("keys/https.crt"), dir.resolve("keys/https.key")))
                .isEqualTo(certificate);
    }

    @Test
    void wildcardsWordsAndTooLongAValidityAreRefusedAndNothingIsWritten() {
        for (String host : List.of(
                "*.oficina.lan", "oficina lan", "-oficina.lan", "oficina..lan", "oficina_lan", "192.168.1.300")) {
            assertThatThrownBy(() -> HttpsCertificate.create(dir, List.of(host), 30, null))
                    .isInstanceOf(PkiException.class)
                    .extracting(e -> ((PkiException) e).code())
                    .isEqualTo("pki.invalid-host");
        }
        assertThatThrownBy(() -> HttpsCertificate.create(dir, List.of(), 30, null))
                .extracting(e -> ((PkiException) e).code())
                .isEqualTo("pki.invalid-hosts");
        assertThatThrownBy(() -> HttpsCertificate.create(dir, List.of("oficina.lan"), 826, null))
                .extracting(e -> ((PkiException) e).code())
                .isEqualTo("pki.invalid-days");
        assertThat(dir.resolve("https.key")).doesNotExist();
        assertThat(dir.resolve("https.crt")).doesNotExist();
    }

    @Test
    void anExistingCertificateIsNeverOverwritten() throws Exception {
        // given
        HttpsCertificate.create(dir, List.of("oficina.lan"), 30, null);
        byte[] key = Files.readAllBytes(dir.resolve("https.key"));

        // when / then
        assertThatThrownBy(() -> HttpsCertificate.create(dir, List.of("oficina.lan"), 30, null))
                .extracting(e -> ((PkiException) e).code())
                .isEqualTo("pki.file-exists");
        assertThat(Files.readAllBytes(dir.resolve("https.key"))).isEqualTo(key);
    }

    @Test
    void theStartCheckRefusesAMissingFileAKeyOthersCanReadAKeyOfAnotherCertificateAndAClientCertificate()
            throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        HttpsCertificate.create(first, List.of("oficina.lan"), 30, null);
        HttpsCertificate.create(second, List.of("oficina.lan"), 30, null);

        assertThat(refusal(first.resolve("https.crt"), first.resolve("missing.key")))
                .isEqualTo("pki.file-missing");
        assertThat(refusal(first.resolve("https.crt"), second.resolve("https.key")))
                .isEqualTo("pki.key-mismatch");
        assertThat(refusal(first.resolve("https.key"), first.resolve("https.key")))
                .isEqualTo("pki.file-unreadable");

        FederationCa ca = FederationCa.create(dir.resolve("ca"), "CA");
        TlsIdentity.create(dir.resolve("node"), ca, "mx", Purpose.NODE, Duration.ofDays(30), List.of());
        assertThat(refusal(dir.resolve("node/tls.crt"), dir.resolve("node/tls.key")))
                .isEqualTo("pki.not-a-server-certificate");

        Files.setPosixFilePermissions(first.resolve("https.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(refusal(first.resolve("https.crt"), first.resolve("https.key")))
                .isEqualTo("pki.key-readable-by-others");
    }

    @Test
    void theStartCheckTakesTheNetworksRsaCertificateAndRefusesAnExpiredOne() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();

        Path current = write("current", pair, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
        assertThat(HttpsCertificate.check(current.resolve("https.crt"), current.resolve("https.key"))
                        .getPublicKey())
                .isEqualTo(pair.getPublic());

        Path expired = write("expired", pair, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        assertThat(refusal(expired.resolve("https.crt"), expired.resolve("https.key")))
                .isEqualTo("pki.certificate-not-valid-now");
    }

    @Test
    void theFingerprintIsTheCertificatesSha256AsBrowsersShowIt() throws Exception {
        X509Certificate certificate = HttpsCertificate.create(dir, List.of("oficina.lan"), 30, null);

        String expected = java.util.HexFormat.of()
                .withUpperCase()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        assertThat(HttpsCertificate.sha256(certificate).replace(":", "")).isEqualTo(expected);
        assertThat(HttpsCertificate.sha256(certificate)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    private static String refusal(Path certificate, Path key) {
        try {
            HttpsCertificate.check(certificate, key);
        } catch (PkiException e) {
            return e.code();
        }
        return "accepted";
    }

    // A certificate as a network's own CA or openssl might make it: RSA, no extensions at all.
    private Path write(String name, KeyPair pair, Instant from, Instant until) throws Exception {
        var subject = FederationCa.name("oficina.lan");
        var builder = new JcaX509v3CertificateBuilder(
                subject, BigInteger.ONE, Date.from(from), Date.from(until), subject, pair.getPublic());
        X509Certificate certificate =
                Pem.jdkCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))
                        .getEncoded());
        Path files = dir.resolve(name);
        Pem.writeCertificate(files.resolve("https.crt"), certificate);
        Pem.writePrivateKey(files.resolve("https.key"), pair.getPrivate());
        return files;
    }
}
