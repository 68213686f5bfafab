package org.tejido.platform.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * How a federation key is named between people: the aggregator enrolls a node by the fingerprint of
 * its TLS public key, read to it out of band (phone, in person), not by the certificate. The key, not
 * the certificate, is hashed so that a certificate renewed for the same key keeps its enrollment.
 */
public final class Fingerprints {
    public static final String PREFIX = "sha256:";

    private Fingerprints() {}

    /** {@code sha256:} and the lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo. */
    public static String spkiSha256(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki == null || !"X.509".equals(key.getFormat())) {
            throw new IllegalArgumentException("public key has no SubjectPublicKeyInfo encoding");
        }
        try {
            return PREFIX
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
