package org.tejido.platform.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.bouncycastle.util.IPAddress;
import org.springframework.boot.ssl.pem.PemContent;
import org.tejido.platform.keys.KeyFiles;

/**
 * The certificate the node's own web server shows when it serves HTTPS to an office network
 * (docs/operations.md, "Opening the node to an office network"), kept as two PEM files, in the node's
 * {@code keys/} directory unless the network provides its own:
 *
 * <pre>
 * https.key   the private key, ECDSA P-256, PKCS#8 PEM, rw-------
 * https.crt   its certificate: self-signed, or signed by a CA the office made with {@code keys ca-init}
 * </pre>
 *
 * Separate from the federation's TLS identity (ADR 0011): the office's browsers trust this certificate,
 * the federation's members trust the federation CA, and neither key stands in for the other.
 */
public final class HttpsCertificate {
    public static final String KEY_FILE = "https.key";
    public static final String CERTIFICATE_FILE = "https.crt";

    /**
     * Apple's systems refuse a TLS server certificate valid for more than 825 days, even one trusted by
     * hand; the other browsers accept it. The default is the longest all of them take, so an office
     * trusts a self-signed certificate again only every two years or so.
     */
    public static final int MAX_DAYS = 825;

    /** The node's own machine reaches it by these, whatever else the office uses. */
    static final List<String> ALWAYS_NAMED = List.of("localhost", "127.0.0.1", "::1");

    private static final int MAX_HOSTS = 20;
    private static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
    private static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private HttpsCertificate() {}

    /**
     * Makes a new key and its certificate in {@code dir}, naming {@code hosts} (host names and IP
     * addresses) besides {@link #ALWAYS_NAMED}, valid from a few minutes ago for {@code days}: signed by
     * {@code ca} when one is given, self-signed otherwise. Refuses if either file exists: nothing is
     * overwritten.
     */
    public static X509Certificate create(Path dir, List<String> hosts, int days, FederationCa ca) {
        if (days < 1 || days > MAX_DAYS) {
            throw new PkiException(
                    "pki.invalid-days",
                    "--days debe estar entre 1 y " + MAX_DAYS + " (los sistemas de Apple no aceptan más).",
                    "--days must be between 1 and " + MAX_DAYS + " (Apple's systems accept no more).");
        }
        GeneralNames names = names(hosts);
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        for (Path file : List.of(keyFile, certificateFile)) {
            if (Files.exists(file)) {
                throw PkiException.exists(file);
            }
        }
        String commonName = commonName(hosts);
        KeyPair pair = FederationCa.generateKeyPair();
        Duration validity = Duration.ofDays(days);
        X509Certificate certificate = ca == null
                ? selfSigned(pair, commonName, validity, names)
                : ca.issueHttpsServer(pair.getPublic(), commonName, validity, names);
        Pem.writePrivateKey(keyFile, pair.getPrivate());
        Pem.writeCertificate(certificateFile, certificate);
        return certificate;
    }

    /**
     * The names a certificate for {@code hosts} carries: {@link #ALWAYS_NAMED} and each host, an IPv4 or
     * IPv6 address as an address, anything else as a DNS name (letters, digits, '-', '.'; no wildcard,
     * which would let the key speak for machines that are not the node).
     */
    static GeneralNames names(List<String> hosts) {
        if (hosts.isEmpty() || hosts.size() > MAX_HOSTS) {
            throw new PkiException(
                    "pki.invalid-hosts",
                    "Indique de 1 a " + MAX_HOSTS + " nombres o direcciones con --host (separados por comas).",
                    "Give 1 to " + MAX_HOSTS + " host names or addresses with --host (separated by commas).");
        }
        Set<String> all = new LinkedHashSet<>(ALWAYS_NAMED);
        for (String host : hosts) {
            all.add(host.strip().toLowerCase(Locale.ROOT));
        }
        List<GeneralName> names = new ArrayList<>();
        for (String host : all) {
            if (IPAddress.isValidIPv4(host) || IPAddress.isValidIPv6(host)) {
                names.add(new GeneralName(GeneralName.iPAddress, host));
            } else if (host.length() <= 253
                    && host.matches(DNS_LABEL + "(\\." + DNS_LABEL + ")*")
                    // No top-level domain is all digits: such a name is a mistyped address (192.168.1.300).
                    && !host.matches("(.*\\.)?[0-9]+")) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            } else {
                throw new PkiException(
                        "pki.invalid-host",
                        "\"" + host + "\" no es un nombre de máquina (letras, cifras, '-' y '.') ni una dirección IP.",
                        "\"" + host + "\" is neither a host name (letters, digits, '-' and '.') nor an IP address.");
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** What a TLS server certificate of the node says of itself, self-signed or issued by a CA. */
    static void addServerExtensions(X509v3CertificateBuilder builder, PublicKey subject, GeneralNames names)
            throws IOException, GeneralSecurityException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                // ECDHE with an ECDSA key: the key only signs the handshake.
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                // Browsers check only these names, never the common name.
                .addExtension(Extension.subjectAlternativeName, false, names)
                .addExtension(
                        Extension.subjectKeyIdentifier,
                        false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subject));
    }

    /**
     * Checks the web server's certificate and key before the node listens with them, so that a wrong
     * file stops the start with its name and what to do, not a handshake failure in every browser later:
     * both files there, the key readable only by this user, a PEM certificate (its chain may follow) and
     * a PEM private key (PKCS#8, PKCS#1 or SEC 1, as Spring Boot reads them) that belong together, the
     * certificate valid now and for TLS servers. Answers the certificate.
     */
    public static X509Certificate check(Path certificateFile, Path keyFile) {
        for (Path file : List.of(certificateFile, keyFile)) {
            if (!Files.isRegularFile(file)) {
                throw PkiException.missing(file);
            }
        }
        X509Certificate certificate = firstCertificate(certificateFile);
        PrivateKey key = privateKey(keyFile);
        TlsIdentity.requireMatch(key, certificate, keyFile, certificateFile);
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new PkiException(
                    "pki.certificate-not-valid-now",
                    "El certificado " + certificateFile + " no es válido ahora (válido de "
                            + certificate.getNotBefore().toInstant() + " a "
                            + certificate.getNotAfter().toInstant()
                            + "): haga uno nuevo.",
                    "The certificate " + certificateFile + " is not valid now (valid from "
                            + certificate.getNotBefore().toInstant() + " to "
                            + certificate.getNotAfter().toInstant()
                            + "): make a new one.");
        }
        if (!forServers(certificate)) {
            throw new PkiException(
                    "pki.not-a-server-certificate",
                    "El certificado " + certificateFile + " no sirve para un servidor TLS (extendedKeyUsage sin"
                            + " serverAuth).",
                    "The certificate " + certificateFile + " is not for a TLS server (extendedKeyUsage without"
                            + " serverAuth).");
        }
        return certificate;
    }

    /**
     * The certificate's SHA-256 fingerprint as browsers show it (colon-separated uppercase hex), to
     * compare on each office machine before trusting a self-signed certificate.
     */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":")
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The host names and addresses a certificate names (its subjectAlternativeName), in its order. */
    public static List<String> subjectNames(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            return names == null
                    ? List.of()
                    : names.stream().map(name -> String.valueOf(name.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, String commonName, Duration validity, GeneralNames names) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    FederationCa.name(commonName),
                    FederationCa.serial(),
                    Date.from(now.minus(FederationCa.BACKDATE)),
                    Date.from(now.plus(validity)),
                    FederationCa.name(commonName),
                    pair.getPublic());
            addServerExtensions(builder, pair.getPublic(), names);
            return FederationCa.sign(builder, pair.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate", e);
        }
    }

    // The first name given, which people see when they open the certificate in the browser.
    private static String commonName(List<String> hosts) {
        String first = hosts.get(0).strip().toLowerCase(Locale.ROOT);
        return first.isEmpty() || first.length() > 64 ? "Tejido" : first;
    }

    private static X509Certificate firstCertificate(Path file) {
        try {
            List<X509Certificate> chain = PemContent.load(file).getCertificates();
            if (!chain.isEmpty()) {
                return chain.get(0);
            }
        } catch (IOException | RuntimeException e) {
            // Answered below: the file is named, the parser's message is not needed.
        }
        throw PkiException.unreadable(file, "PEM certificate / certificado PEM", null);
    }

    private static PrivateKey privateKey(Path file) {
        PrivateKey key = null;
        try {
            if (KeyFiles.readableByOthers(file)) {
                throw PkiException.readableByOthers(file);
            }
            key = PemContent.load(file).getPrivateKey();
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException refusal) {
                throw refusal;
            }
            // The cause is dropped on purpose: parser messages may quote bytes of the key.
        }
        if (key == null) {
            throw PkiException.unreadable(file, "PEM private key / clave privada PEM", null);
        }
        return key;
    }

    private static boolean forServers(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes == null || purposes.contains(SERVER_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
