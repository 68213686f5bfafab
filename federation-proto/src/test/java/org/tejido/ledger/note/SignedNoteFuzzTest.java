package org.tejido.ledger.note;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.tejido.ledger.crypto.Ed25519KeyPair;

/**
 * Fuzzes the signed-note path a checkpoint takes off the wire (docs/fuzzing.md): {@link SignedNote#parse},
 * then {@link NoteVerifier#verify} with fixed trusted keys, then {@link Checkpoint#parse} of its text. Each
 * returns a value or throws {@link NoteException}, nothing else; a note that parses is canonical
 * ({@code toBytes()} gives back the input). Seeds: the golang/mod and C2SP vectors (FUZZ-SEEDS-LICENSE.md)
 * and notes signed with {@link #LOG_SEED}.
 */
class SignedNoteFuzzTest {

    /** The log key of the seeds that deploy/fuzz/seeds.py signs. */
    static final byte[] LOG_SEED = filled(7);

    static final String LOG_NAME = "mx.example.org/MX/v1";

    private static final NoteVerifier VERIFIER = new NoteVerifier(List.of(
            NoteVerifierKey.of(LOG_NAME, Ed25519KeyPair.fromSeed(LOG_SEED).publicKey()),
            vectorKey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
            vectorKey("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8")));

    @FuzzTest
    void parse(byte[] bytes) throws NoteException {
        SignedNote note;
        try {
            note = SignedNote.parse(bytes);
        } catch (NoteException e) {
            requireFailure(e);
            return;
        }
        if (!Arrays.equals(note.toBytes(), bytes)) {
            throw new AssertionError("parsed a non-canonical note");
        }
        if (!SignedNote.parse(note.toBytes()).equals(note)) {
            throw new AssertionError("parse(format(note)) differs");
        }
        try {
            VerifiedNote verified = VERIFIER.verify(note);
            if (!verified.text().equals(note.text()) || verified.signers().isEmpty()) {
                throw new AssertionError("a verified note with another text or no signer");
            }
        } catch (NoteException e) {
            requireFailure(e);
        }
        try {
            Checkpoint checkpoint = Checkpoint.parse(note.text());
            if (!checkpoint.toText().equals(note.text())) {
                throw new AssertionError("parsed a non-canonical checkpoint");
            }
        } catch (NoteException e) {
            requireFailure(e);
        }
    }

    static void requireFailure(NoteException e) {
        if (e.failure() == null) {
            throw new AssertionError("a note exception without its failure", e);
        }
    }

    static byte[] filled(int value) {
        byte[] seed = new byte[Ed25519KeyPair.SEED_SIZE];
        Arrays.fill(seed, (byte) value);
        return seed;
    }

    private static NoteVerifierKey vectorKey(String text) {
        try {
            return NoteVerifierKey.parse(text);
        } catch (NoteException e) {
            throw new IllegalStateException(e);
        }
    }
}
