package org.tejido.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Lexical rules of c2sp.org/signed-note shared by notes, signature lines, keys and checkpoints. */
final class NoteText {

    private NoteText() {}

    /** Strict UTF-8: malformed, overlong and surrogate encodings are refused, never replaced. */
    static String decodeUtf8(byte[] bytes) throws NoteException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NoteException(NoteFailure.NOT_UTF8, "note is not valid UTF-8");
        }
    }

    /** Strict UTF-8 encoding: a Java string holding a lone surrogate has no UTF-8 form. */
    static byte[] encodeUtf8(String text) throws NoteException {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new NoteException(NoteFailure.NOT_UTF8, "text holds a lone surrogate");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Notes must not contain ASCII control characters other than newline. */
    static void requireNoControlCharacters(String text) throws NoteException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new NoteException(
                        NoteFailure.CONTROL_CHARACTER,
                        String.format("control character U+%04X at offset %d", (int) c, i));
            }
        }
    }

    /** Key names: non-empty, no Unicode space (Go's unicode.IsSpace set), no '+', no control characters. */
    static boolean isValidKeyName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || cp < 0x20 || isUnicodeSpace(cp));
    }

    private static boolean isUnicodeSpace(int cp) {
        return cp == ' ' || cp == 0x85 || cp == 0xA0 || Character.isSpaceChar(cp) || Character.isWhitespace(cp);
    }

    /**
     * Standard base64 (RFC 4648 section 4) accepted only in its canonical form, so one value has one text:
     * missing padding, non-zero trailing bits or stray characters are refused.
     */
    static Optional<byte[]> decodeBase64Strict(String text) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            return Optional.empty();
        }
        return Optional.of(decoded);
    }

    static String encodeBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
