package org.tejido.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.tejido.ledger.Sha256;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.crypto.Ed25519PublicKey;

/**
 * A witness that cosigns checkpoints (c2sp.org/tlog-cosignature, Ed25519, cosignature/v1): a note
 * signature whose key ID uses the algorithm byte 0x04, over {@code "cosignature/v1\ntime <t>\n"} followed
 * by the checkpoint's note text, carrying the 8-byte big-endian timestamp before the 64-byte signature.
 * The timestamp is signed, so a cosignature also says when the witness saw that tree as the largest.
 */
public final class Cosigner {
    public static final byte COSIGNATURE_TYPE = 0x04;
    private static final int TIMESTAMP_SIZE = 8;

    private final String name;
    private final Ed25519KeyPair keyPair;
    private final int keyId;

    public Cosigner(String name, Ed25519KeyPair keyPair) {
        if (!NoteText.isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid cosigner name");
        }
        this.name = name;
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.keyId = keyId(name, keyPair.publicKey());
    }

    public String name() {
        return name;
    }

    public Ed25519PublicKey publicKey() {
        return keyPair.publicKey();
    }

    /** The signature line cosigning {@code noteText} (a checkpoint's text) at {@code unixSeconds}. */
    public NoteSignature cosign(String noteText, long unixSeconds) throws NoteException {
        SignedNote.requireValidText(noteText);
        if (unixSeconds < 0) {
            throw new IllegalArgumentException("timestamp must not be negative");
        }
        byte[] signature = keyPair.sign(message(noteText, unixSeconds));
        byte[] timestamped = ByteBuffer.allocate(TIMESTAMP_SIZE + signature.length)
                .putLong(unixSeconds)
                .put(signature)
                .array();
        return new NoteSignature(name, keyId, timestamped);
    }

    /**
     * Whether {@code line} is a valid cosignature of {@code noteText} by the witness {@code name} with
     * {@code publicKey}; returns its timestamp, or -1 when it is not.
     */
    public static long verify(String name, Ed25519PublicKey publicKey, String noteText, NoteSignature line) {
        if (!line.keyName().equals(name) || line.keyId() != keyId(name, publicKey)) {
            return -1;
        }
        byte[] raw = line.signature();
        if (raw.length != TIMESTAMP_SIZE + Ed25519PublicKey.SIGNATURE_SIZE) {
            return -1;
        }
        long timestamp = ByteBuffer.wrap(raw, 0, TIMESTAMP_SIZE).getLong();
        if (timestamp < 0) {
            return -1;
        }
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_SIZE];
        System.arraycopy(raw, TIMESTAMP_SIZE, signature, 0, signature.length);
        return publicKey.verify(message(noteText, timestamp), signature) ? timestamp : -1;
    }

    /** key ID = first 4 bytes, big-endian, of SHA-256(name || 0x0A || 0x04 || public key). */
    public static int keyId(String name, Ed25519PublicKey publicKey) {
        byte[] hash = Sha256.of(
                name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', COSIGNATURE_TYPE}, publicKey.toBytes());
        return ByteBuffer.wrap(hash, 0, 4).getInt();
    }

    private static byte[] message(String noteText, long unixSeconds) {
        return ("cosignature/v1\ntime " + unixSeconds + "\n" + noteText).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Cosigner[" + name + "]";
    }
}
