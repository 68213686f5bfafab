package org.tejido.ledger.note;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a note, {@code — <key name> base64(key ID || signature)}. Parsing does not check
 * the signature length: lines from unknown keys, possibly of other algorithms, must still parse.
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    static final String PREFIX = "\u2014 ";

    public NoteSignature {
        if (!NoteText.isValidKeyName(keyName)) {
            throw new IllegalArgumentException("invalid key name");
        }
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("signature must not be empty");
        }
        signature = signature.clone();
    }

    /** Parses one line without its final newline. */
    static NoteSignature parseLine(String line) throws NoteException {
        if (!line.startsWith(PREFIX)) {
            throw malformed("signature line must start with an em dash and a space");
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw malformed("signature line has no space between key name and signature");
        }
        String name = rest.substring(0, space);
        if (!NoteText.isValidKeyName(name)) {
            throw malformed("invalid key name");
        }
        byte[] raw = NoteText.decodeBase64Strict(rest.substring(space + 1))
                .orElseThrow(() -> malformed("signature is not canonical base64"));
        if (raw.length < 5) {
            throw malformed("signature shorter than a key ID plus one byte");
        }
        int keyId = ByteBuffer.wrap(raw, 0, 4).getInt();
        return new NoteSignature(name, keyId, Arrays.copyOfRange(raw, 4, raw.length));
    }

    private static NoteException malformed(String detail) {
        return new NoteException(NoteFailure.MALFORMED_SIGNATURE_LINE, detail);
    }

    /** The full line including its final newline. */
    public String formatLine() {
        byte[] raw = ByteBuffer.allocate(4 + signature.length)
                .putInt(keyId)
                .put(signature)
                .array();
        return PREFIX + keyName + " " + NoteText.encodeBase64(raw) + "\n";
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature other
                && keyName.equals(other.keyName)
                && keyId == other.keyId
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyName, keyId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return formatLine().strip();
    }
}
