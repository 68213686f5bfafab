package org.tejido.ledger.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tejido.ledger.note.SignedNoteTest.assertFailure;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.merkle.MerkleHash;

class CheckpointTest {

    private static final String ROOT = Base64.getEncoder().encodeToString(MerkleHash.emptyRoot());

    @Test
    void roundTripsWithAndWithoutExtensions() throws Exception {
        Checkpoint plain = new Checkpoint("mx.example.org/MX/v1", 0, MerkleHash.emptyRoot());
        assertEquals("mx.example.org/MX/v1\n0\n" + ROOT + "\n", plain.toText());
        assertEquals(plain, Checkpoint.parse(plain.toText()));

        Checkpoint extended = new Checkpoint("o", 42, MerkleHash.emptyRoot(), List.of("ext one", "ext two"));
        assertEquals(extended, Checkpoint.parse(extended.toText()));
    }

    @Test
    void signedCheckpointVerifiesAndParsesBack() throws Exception {
        NoteSigner log = new NoteSigner("mx.example.org/MX/v1", Ed25519KeyPair.fromSeed(new byte[32]));
        Checkpoint checkpoint = new Checkpoint("mx.example.org/MX/v1", 7, MerkleHash.leaf(new byte[0]));
        SignedNote note = NoteSigner.signNote(checkpoint.toText(), List.of(log));
        VerifiedNote verified = new NoteVerifier(List.of(log.verifierKey())).open(note.toBytes());
        assertEquals(checkpoint, Checkpoint.fromVerified(verified));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "o\n1\n" + "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", // no final newline
                "o\n1\n", // no root line
                "\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", // empty origin
                "o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", // leading zero
                "o\n+1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", // sign
                "o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", // negative
                "o\n1 \n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", // trailing space
                "o\n9223372036854775808\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", // over 2^63-1
                "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n", // unpadded base64
                "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n", // non-zero trailing bits
                "o\n1\nZG9uJ3QgY2FyZSAy\n", // 12-byte root
                "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n", // empty extension line
                "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\r\n", // CR
            })
    void malformedCheckpointsAreRefused(String text) {
        NoteException e = assertThrows(NoteException.class, () -> Checkpoint.parse(text));
        assertEquals(
                true,
                e.failure() == NoteFailure.MALFORMED_CHECKPOINT || e.failure() == NoteFailure.CONTROL_CHARACTER,
                e.getMessage());
    }

    @Test
    void largestSizeParses() throws Exception {
        Checkpoint max = Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n");
        assertEquals(Long.MAX_VALUE, max.size());
        assertFailure(NoteFailure.MALFORMED_CHECKPOINT, () -> Checkpoint.parse("o\n1\n" + ROOT + "\n\n"));
    }
}
