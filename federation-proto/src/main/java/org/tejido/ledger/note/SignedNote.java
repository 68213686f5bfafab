package org.tejido.ledger.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A c2sp.org/signed-note: text ending in a newline, a blank line, then one or more signature lines. Parsing
 * is purely syntactic; whether any signature counts is decided by {@link NoteVerifier}.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /**
     * The spec asks verifiers to cap signatures but accept at least 16. 100 is golang.org/x/mod's cap: room
     * for many witnesses, while bounding the work a hostile note can cause.
     */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        Objects.requireNonNull(text, "text");
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a note carries 1.." + MAX_SIGNATURES + " signatures");
        }
        try {
            requireValidText(text);
        } catch (NoteException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Rules for text that is about to be signed: non-empty, ends in a newline, encodable, no control characters. */
    static void requireValidText(String text) throws NoteException {
        NoteText.encodeUtf8(text);
        NoteText.requireNoControlCharacters(text);
        if (!text.endsWith("\n")) {
            throw new NoteException(NoteFailure.MISSING_SIGNATURE_BLOCK, "note text must end with a newline");
        }
    }

    public static SignedNote parse(byte[] bytes) throws NoteException {
        String note = NoteText.decodeUtf8(bytes);
        NoteText.requireNoControlCharacters(note);
        // The last blank line separates text from signatures; the text itself may contain blank lines.
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException(NoteFailure.MISSING_SIGNATURE_BLOCK, "no blank line before signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new NoteException(NoteFailure.MISSING_SIGNATURE_BLOCK, "no signature lines");
        }
        if (!block.endsWith("\n")) {
            throw new NoteException(NoteFailure.MALFORMED_SIGNATURE_LINE, "last signature line lacks its newline");
        }
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new NoteException(
                    NoteFailure.TOO_MANY_SIGNATURES,
                    lines.length + " signatures, at most " + MAX_SIGNATURES + " accepted");
        }
        List<NoteSignature> signatures = new ArrayList<>(lines.length);
        for (String line : lines) {
            signatures.add(NoteSignature.parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    public static SignedNote parse(String note) throws NoteException {
        return parse(NoteText.encodeUtf8(note));
    }

    public String format() {
        StringBuilder out = new StringBuilder(text).append('\n');
        signatures.forEach(s -> out.append(s.formatLine()));
        return out.toString();
    }

    public byte[] toBytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }
}
