package org.tejido.ledger.note;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.tejido.ledger.merkle.MerkleHash;

/**
 * A c2sp.org/tlog-checkpoint note body: origin, decimal tree size, base64 root hash, then optional non-empty
 * extension lines, every line ending in a newline. Strict both ways: {@code parse(c.toText())} equals
 * {@code c}, and only such canonical texts parse.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || hasControlCharacter(origin)) {
            throw new IllegalArgumentException("origin must be one non-empty line without control characters");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative");
        }
        if (!MerkleHash.isValid(rootHash)) {
            throw new IllegalArgumentException("root hash must be " + MerkleHash.SIZE + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String line : extensions) {
            if (line.isEmpty() || hasControlCharacter(line)) {
                throw new IllegalArgumentException("extension lines must be single non-empty lines");
            }
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    public static Checkpoint parse(String text) throws NoteException {
        NoteText.requireNoControlCharacters(text);
        if (!text.endsWith("\n")) {
            throw malformed("checkpoint text must end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw malformed("checkpoint needs origin, size and root hash lines");
        }
        for (String line : lines) {
            if (line.isEmpty()) {
                throw malformed("checkpoint lines must be non-empty");
            }
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw malformed("size must be decimal without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw malformed("size does not fit 63 bits");
        }
        byte[] root = NoteText.decodeBase64Strict(lines[2])
                .filter(MerkleHash::isValid)
                .orElseThrow(() -> malformed("root hash must be canonical base64 of 32 bytes"));
        return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
    }

    /** Parses the text of a note whose signatures have already been verified. */
    public static Checkpoint fromVerified(VerifiedNote note) throws NoteException {
        return parse(note.text());
    }

    public String toText() {
        StringBuilder out = new StringBuilder()
                .append(origin)
                .append('\n')
                .append(size)
                .append('\n')
                .append(NoteText.encodeBase64(rootHash))
                .append('\n');
        extensions.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static boolean hasControlCharacter(String line) {
        return line.chars().anyMatch(c -> c < 0x20);
    }

    private static NoteException malformed(String detail) {
        return new NoteException(NoteFailure.MALFORMED_CHECKPOINT, detail);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint other
                && origin.equals(other.origin)
                && size == other.size
                && Arrays.equals(rootHash, other.rootHash)
                && extensions.equals(other.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, extensions) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[origin=" + origin + ", size=" + size + ", root="
                + HexFormat.of().formatHex(rootHash) + ", extensions=" + extensions + "]";
    }
}
