package org.tejido.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.tejido.ledger.Sha256;
import org.tejido.ledger.crypto.Ed25519PublicKey;

/**
 * A trusted note verifier: key name, key ID and Ed25519 public key, written as
 * {@code <name>+<8 hex digits key ID>+<base64(0x01 || 32-byte public key)>}.
 */
public record NoteVerifierKey(String name, int keyId, Ed25519PublicKey publicKey) {

    /** Signature type byte for Ed25519 in c2sp.org/signed-note. */
    public static final byte ED25519_TYPE = 0x01;

    public NoteVerifierKey {
        Objects.requireNonNull(publicKey, "publicKey");
        if (!NoteText.isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid key name");
        }
        if (keyId != keyId(name, publicKey)) {
            throw new IllegalArgumentException("key ID does not match name and public key");
        }
    }

    public static NoteVerifierKey of(String name, Ed25519PublicKey publicKey) {
        return new NoteVerifierKey(name, keyId(name, publicKey), publicKey);
    }

    /** key ID = first 4 bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || public key). */
    public static int keyId(String name, Ed25519PublicKey publicKey) {
        byte[] hash =
                Sha256.of(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', ED25519_TYPE}, publicKey.toBytes());
        return ByteBuffer.wrap(hash, 0, 4).getInt();
    }

    public static NoteVerifierKey parse(String text) throws NoteException {
        Objects.requireNonNull(text, "text");
        // Names and key IDs hold no '+', but base64 may: split off only the first two fields.
        String[] parts = text.split("\\+", 3);
        if (parts.length != 3 || !NoteText.isValidKeyName(parts[0]) || !parts[1].matches("[0-9a-f]{8}")) {
            throw new NoteException(NoteFailure.MALFORMED_VERIFIER_KEY, "expected <name>+<hex key ID>+<base64 key>");
        }
        byte[] typedKey = NoteText.decodeBase64Strict(parts[2])
                .orElseThrow(
                        () -> new NoteException(NoteFailure.MALFORMED_VERIFIER_KEY, "key is not canonical base64"));
        if (typedKey.length == 0 || typedKey[0] != ED25519_TYPE) {
            throw new NoteException(NoteFailure.UNSUPPORTED_ALGORITHM, "only Ed25519 (type 0x01) keys are accepted");
        }
        Ed25519PublicKey publicKey;
        try {
            publicKey = Ed25519PublicKey.of(Arrays.copyOfRange(typedKey, 1, typedKey.length));
        } catch (IllegalArgumentException e) {
            throw new NoteException(NoteFailure.INVALID_PUBLIC_KEY, e.getMessage());
        }
        int claimedId = Integer.parseUnsignedInt(parts[1], 16);
        if (claimedId != keyId(parts[0], publicKey)) {
            throw new NoteException(NoteFailure.KEY_ID_MISMATCH, "key ID does not match name and public key");
        }
        return new NoteVerifierKey(parts[0], claimedId, publicKey);
    }

    public String format() {
        byte[] pk = publicKey.toBytes();
        byte[] typedKey = new byte[1 + pk.length];
        typedKey[0] = ED25519_TYPE;
        System.arraycopy(pk, 0, typedKey, 1, pk.length);
        return name + "+" + String.format("%08x", keyId) + "+" + NoteText.encodeBase64(typedKey);
    }

    @Override
    public String toString() {
        return format();
    }
}
