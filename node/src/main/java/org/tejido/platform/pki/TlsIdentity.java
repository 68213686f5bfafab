package org.tejido.platform.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One side's TLS identity in the federation: its private key, its certificate and the federation CA
 * it trusts, as kept in a directory:
 *
 * <pre>
 * tls.key   PKCS#8 PEM, rw------- (the private key; never in the database)
 * tls.crt   PEM, this node's certificate, issued by the CA
 * ca.crt    PEM, the federation CA's certificate
 * </pre>
 */
public record TlsIdentity(PrivateKey key, X509Certificate certificate, X509Certificate trustedCa) {
    public static final String KEY_FILE = "tls.key";
    public static final String CERTIFICATE_FILE = "tls.crt";
    public static final String CA_FILE = "ca.crt";

    public TlsIdentity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(trustedCa, "trustedCa");
    }

    /**
     * Reads and checks the identity in {@code dir}: every file present and readable, the key private to
     * this user, key and certificate a pair, the certificate issued by the CA and valid now. Any failure
     * is a {@link PkiException} naming the file, so a node refuses to start rather than fail later in a
     * handshake with a vaguer error.
     */
    public static TlsIdentity load(Path dir) {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path caFile = dir.resolve(CA_FILE);
        X509Certificate certificate = Pem.readCertificate(certificateFile);
        X509Certificate ca = Pem.readCertificate(caFile);
        PrivateKey key = Pem.readPrivateKey(keyFile);
        requireMatch(key, certificate, keyFile, certificateFile);
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException(
                    "pki.not-issued-by-ca",
                    "El certificado " + certificateFile + " no fue emitido por la autoridad " + caFile + ".",
                    "The certificate " + certificateFile + " was not issued by the CA in " + caFile + ".");
        }
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new PkiException(
                    "pki.certificate-not-valid-now",
                    "El certificado " + certificateFile + " no es válido ahora (válido de " + certificate.getNotBefore()
                            + " a " + certificate.getNotAfter() + "): emita uno nuevo.",
                    "The certificate " + certificateFile + " is not valid now (valid from " + certificate.getNotBefore()
                            + " to " + certificate.getNotAfter() + "): issue a new one.");
        }
        return new TlsIdentity(key, certificate, ca);
    }

    /**
     * Creates a new identity in {@code dir}: a fresh ECDSA P-256 key ({@code tls.key}, {@code rw-------}),
     * its certificate issued by {@code ca} ({@code tls.crt}) and a copy of the CA's certificate ({@code
     * ca.crt}). Refuses if any of the three files exists: an identity is replaced deliberately, by hand.
     */
    public static TlsIdentity create(
            Path dir,
            FederationCa ca,
            String commonName,
            FederationCa.Purpose purpose,
            Duration validity,
            List<String> extraDnsNames) {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path caFile = dir.resolve(CA_FILE);
        for (Path file : List.of(keyFile, certificateFile, caFile)) {
            if (Files.exists(file)) {
                throw PkiException.exists(file);
            }
        }
        KeyPair pair = FederationCa.generateKeyPair();
        X509Certificate certificate = ca.issue(pair.getPublic(), commonName, purpose, validity, extraDnsNames);
        Pem.writePrivateKey(keyFile, pair.getPrivate());
        Pem.writeCertificate(certificateFile, certificate);
        Pem.writeCertificate(caFile, ca.certificate());
        return new TlsIdentity(pair.getPrivate(), certificate, ca.certificate());
    }

    /** The fingerprint of this identity's public key, the one the aggregator enrolls. */
    public String fingerprint() {
        return Fingerprints.spkiSha256(certificate.getPublicKey());
    }

    /** Never prints the key: a record's default toString would. */
    @Override
    public String toString() {
        return "TlsIdentity[" + certificate.getSubjectX500Principal().getName() + ", " + fingerprint()
                + ", key=<redacted>]";
    }

    /**
     * Refuses a key that is not the certificate's: signs a random challenge with the key and verifies it
     * with the certificate's public key, which works for any algorithm without comparing key internals.
     */
    static void requireMatch(PrivateKey key, X509Certificate certificate, Path keyFile, Path certificateFile) {
        boolean matches;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            String algorithm = signatureAlgorithm(key);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new PkiException(
                    "pki.key-mismatch",
                    "La clave " + keyFile + " no corresponde al certificado " + certificateFile + ".",
                    "The key " + keyFile + " does not match the certificate " + certificateFile + ".");
        }
    }

    // The federation's keys are all EC; an office's own HTTPS certificate (HttpsCertificate) may be RSA.
    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> "SHA256withECDSA";
        };
    }
}
