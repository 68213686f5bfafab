package org.tejido.platform.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.tejido.platform.keys.KeyFiles;

/**
 * Reading and writing the PEM files of the federation: certificates ({@code CERTIFICATE}) and EC
 * private keys as unencrypted PKCS#8 ({@code PRIVATE KEY}), the forms that openssl, grpc-java and
 * every TLS stack read. Private keys are written through {@link KeyFiles}: owner-only, never
 * overwritten.
 */
final class Pem {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private Pem() {}

    static void writePrivateKey(Path file, PrivateKey key) {
        byte[] der = key.getEncoded();
        byte[] pem = (KEY_BEGIN + "\n" + base64Lines(der) + KEY_END + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            KeyFiles.createOwnerOnly(file, pem);
        } catch (FileAlreadyExistsException e) {
            throw PkiException.exists(file);
        } catch (IOException e) {
            throw PkiException.unreadable(file, "private key / clave privada", e);
        } finally {
            Arrays.fill(der, (byte) 0);
            Arrays.fill(pem, (byte) 0);
        }
    }

    static void writeCertificate(Path file, X509Certificate certificate) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n" + base64Lines(certificate.getEncoded())
                    + "-----END CERTIFICATE-----\n";
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(
                    file,
                    pem,
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException e) {
            throw PkiException.exists(file);
        } catch (CertificateEncodingException | IOException e) {
            throw PkiException.unreadable(file, "certificate / certificado", e);
        }
    }

    /** An EC private key in PKCS#8 PEM, refused if others can read the file. */
    static PrivateKey readPrivateKey(Path file) {
        byte[] der = null;
        try {
            if (KeyFiles.readableByOthers(file)) {
                throw PkiException.readableByOthers(file);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!text.startsWith(KEY_BEGIN) || !text.endsWith(KEY_END)) {
                throw PkiException.unreadable(file, "PKCS#8 PEM (BEGIN PRIVATE KEY)", null);
            }
            String body = text.substring(KEY_BEGIN.length(), text.length() - KEY_END.length());
            der = Base64.getMimeDecoder().decode(body);
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (NoSuchFileException e) {
            throw PkiException.missing(file);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // The cause is dropped on purpose: parser messages may quote bytes of the key.
            throw PkiException.unreadable(file, "EC private key / clave privada EC", null);
        } finally {
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    /** Exactly one X.509 certificate in PEM (or DER). */
    static X509Certificate readCertificate(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            var certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            if (certificates.size() != 1) {
                throw PkiException.unreadable(file, "exactly one certificate / exactamente un certificado", null);
            }
            return (X509Certificate) certificates.iterator().next();
        } catch (NoSuchFileException e) {
            throw PkiException.missing(file);
        } catch (IOException | GeneralSecurityException e) {
            throw PkiException.unreadable(file, "X.509 certificate / certificado X.509", e);
        }
    }

    /** Turns the JDK's (or Bouncy Castle's) certificate object into the JDK's own, which JSSE expects. */
    static X509Certificate jdkCertificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a certificate just built could not be read back", e);
        }
    }

    private static String base64Lines(byte[] der) {
        return Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n";
    }
}
