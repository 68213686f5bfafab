package org.tejido.platform.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The federation's own small certificate authority: one ECDSA P-256 key that signs the TLS
 * certificates of the aggregator and of the national nodes, so that each side trusts exactly the
 * federation and no public CA. Certificates only open the TLS channel; which node may push which origin
 * is decided by enrolling its public-key fingerprint ({@link Fingerprints}). The CA key belongs offline:
 * it is needed only to issue certificates.
 *
 * <p>Files in the CA directory: {@code ca.key} (PKCS#8 PEM, {@code rw-------}) and {@code ca.crt}.
 */
public final class FederationCa {
    public static final String KEY_FILE = "ca.key";
    public static final String CERTIFICATE_FILE = "ca.crt";
    static final Duration CA_VALIDITY = Duration.ofDays(3652);
    // Tolerates clocks a few minutes apart between the issuing machine and the peers.
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    // Passed explicitly rather than registered: the JVM's provider list stays as the JDK made it.
    private static final Provider BC = new BouncyCastleProvider();

    /** What a certificate may be used for in the federation. */
    public enum Purpose {
        /** A national node: TLS client (extendedKeyUsage clientAuth). */
        NODE,
        /** The regional aggregator: TLS server (serverAuth), names localhost and 127.0.0.1. */
        AGGREGATOR
    }

    private final PrivateKey key;
    private final X509Certificate certificate;

    private FederationCa(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Creates a new CA in {@code dir}; refuses if either file is already there. */
    public static FederationCa create(Path dir, String name) {
        requireName(name);
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        for (Path file : List.of(keyFile, certificateFile)) {
            if (Files.exists(file)) {
                throw PkiException.exists(file);
            }
        }
        KeyPair pair = generateKeyPair();
        X500Name subject = name(name);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial(),
                            Date.from(now.minus(BACKDATE)),
                            Date.from(now.plus(CA_VALIDITY)),
                            subject,
                            pair.getPublic())
                    // pathLen 0: the CA signs end-entity certificates only, never another CA.
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair.getPrivate());
            Pem.writePrivateKey(keyFile, pair.getPrivate());
            Pem.writeCertificate(certificateFile, certificate);
            return new FederationCa(pair.getPrivate(), certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the CA certificate", e);
        }
    }

    /** The CA in {@code dir}; checks that its key and certificate belong together. */
    public static FederationCa load(Path dir) {
        X509Certificate certificate = Pem.readCertificate(dir.resolve(CERTIFICATE_FILE));
        PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
        TlsIdentity.requireMatch(key, certificate, dir.resolve(KEY_FILE), dir.resolve(CERTIFICATE_FILE));
        if (certificate.getBasicConstraints() < 0) {
            throw new PkiException(
                    "pki.not-a-ca",
                    dir.resolve(CERTIFICATE_FILE) + " no es un certificado de autoridad (CA).",
                    dir.resolve(CERTIFICATE_FILE) + " is not a CA certificate.");
        }
        return new FederationCa(key, certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The fingerprint of the CA's public key, to compare with what the CA's operator reads out. */
    public String fingerprint() {
        return Fingerprints.spkiSha256(certificate.getPublicKey());
    }

    public X509Certificate issue(PublicKey subject, String commonName, Purpose purpose, Duration validity) {
        return issue(subject, commonName, purpose, validity, List.of());
    }

    /**
     * A certificate for {@code subject} signed by this CA (SHA256withECDSA), valid from a few minutes ago
     * for {@code validity}, but never beyond the CA's own expiry. An aggregator's certificate names
     * {@code localhost}, {@code 127.0.0.1} and {@code extraDnsNames}, which clients check against the
     * address they dial.
     */
    public X509Certificate issue(
            PublicKey subject, String commonName, Purpose purpose, Duration validity, List<String> extraDnsNames) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(purpose, "purpose");
        requireName(commonName);
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        Instant now = Instant.now();
        Instant notAfter = now.plus(validity);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            certificate,
                            serial(),
                            Date.from(now.minus(BACKDATE)),
                            Date.from(notAfter),
                            name(commonName),
                            subject)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    // ECDHE with ECDSA certificates: the key only signs the handshake.
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage,
                            false,
                            new ExtendedKeyUsage(
                                    purpose == Purpose.NODE
                                            ? KeyPurposeId.id_kp_clientAuth
                                            : KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subject))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            if (purpose == Purpose.AGGREGATOR) {
                List<GeneralName> names = new ArrayList<>();
                names.add(new GeneralName(GeneralName.dNSName, "localhost"));
                names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
                for (String dns : extraDnsNames) {
                    if (!dns.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
                        throw new PkiException(
                                "pki.invalid-dns-name",
                                "\"" + dns + "\" no es un nombre DNS (letras, cifras, '.' y '-').",
                                "\"" + dns + "\" is not a DNS name (letters, digits, '.' and '-').");
                    }
                    names.add(new GeneralName(GeneralName.dNSName, dns));
                }
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return sign(builder, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate", e);
        }
    }

    /**
     * An HTTPS server certificate for the node's own web server ({@link HttpsCertificate}), signed by this
     * CA, naming {@code names}. Valid from a few minutes ago for {@code validity}, never beyond the CA.
     */
    X509Certificate issueHttpsServer(PublicKey subject, String commonName, Duration validity, GeneralNames names) {
        Instant now = Instant.now();
        Instant notAfter = now.plus(validity);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    certificate,
                    serial(),
                    Date.from(now.minus(BACKDATE)),
                    Date.from(notAfter),
                    name(commonName),
                    subject);
            HttpsCertificate.addServerExtensions(builder, subject, names);
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return sign(builder, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate", e);
        }
    }

    /** A fresh ECDSA P-256 key pair, the kind every federation TLS key is. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has EC P-256", e);
        }
    }

    @Override
    public String toString() {
        return "FederationCa[" + certificate.getSubjectX500Principal().getName() + ", key=<redacted>]";
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(BC)
                    .build(key);
            return Pem.jdkCertificate(builder.build(signer).getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    // Built attribute by attribute, never parsed from "CN=" + text: a comma in a name cannot add attributes.
    static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    // 126 random bits, the lowest set so it is never zero: unpredictable positive serials (RFC 5280 4.1.2.2).
    static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(0);
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new PkiException(
                    "pki.invalid-name",
                    "El nombre debe tener entre 1 y 64 caracteres, sin caracteres de control.",
                    "The name must have 1 to 64 characters, without control characters.");
        }
    }
}
