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
        Fields fields = Fields.parse(text, ED25519_TYPE, "only Ed25519 (type 0x01) keys are accepted");
        if (fields.keyId() != keyId(fields.name(), fields.publicKey())) {
            throw new NoteException(NoteFailure.KEY_ID_MISMATCH, "key ID does not match name and public key");
        }
        return new NoteVerifierKey(fields.name(), fields.keyId(), fields.publicKey());
    }

    /** The three fields of a verifier key string whose key has the given type byte; key ID not checked. */
    record Fields(String name, int keyId, Ed25519PublicKey publicKey) {
        static Fields parse(String text, byte type, String wrongType) throws NoteException {
            Objects.requireNonNull(text, "text");
            // Names and key IDs hold no '+', but base64 may: split off only the first two fields.
            String[] parts = text.split("\\+", 3);
            if (parts.length != 3 || !NoteText.isValidKeyName(parts[0]) || !parts[1].matches("[0-9a-f]{8}")) {
                throw new NoteException(
                        NoteFailure.MALFORMED_VERIFIER_KEY, "expected <name>+<hex key ID>+<base64 key>");
            }
            byte[] typedKey = NoteText.decodeBase64Strict(parts[2])
                    .orElseThrow(
                            () -> new NoteException(NoteFailure.MALFORMED_VERIFIER_KEY, "key is not canonical base64"));
            if (typedKey.length == 0 || typedKey[0] != type) {
                throw new NoteException(NoteFailure.UNSUPPORTED_ALGORITHM, wrongType);
            }
            try {
                return new Fields(
                        parts[0],
                        Integer.parseUnsignedInt(parts[1], 16),
                        Ed25519PublicKey.of(Arrays.copyOfRange(typedKey, 1, typedKey.length)));
            } catch (IllegalArgumentException e) {
                throw new NoteException(NoteFailure.INVALID_PUBLIC_KEY, e.getMessage());
            }
        }

        static String format(String name, int keyId, byte type, Ed25519PublicKey publicKey) {
            byte[] pk = publicKey.toBytes();
            byte[] typedKey = new byte[1 + pk.length];
            typedKey[0] = type;
            System.arraycopy(pk, 0, typedKey, 1, pk.length);
            return name + "+" + String.format("%08x", keyId) + "+" + NoteText.encodeBase64(typedKey);
        }
    }

    public String format() {
        return Fields.format(name, keyId, ED25519_TYPE, publicKey);
    }

    @Override
    public String toString() {
        return format();
    }
}
