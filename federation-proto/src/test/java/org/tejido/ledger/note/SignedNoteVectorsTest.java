package org.tejido.ledger.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tejido.ledger.Vectors;
import org.tejido.ledger.crypto.Ed25519KeyPair;

/** Every case of signed_note_vectors.json (golang/mod, C2SP spec, transparency-dev/formats). */
class SignedNoteVectorsTest {

    private static final JsonNode FILE = Vectors.json("vectors/signed-note/signed_note_vectors.json");

    /** Expected refusal for each "invalid" entry, in file order; the entry's "why" explains it. */
    private static final List<NoteFailure> INVALID_EXPECTED = List.of(
            NoteFailure.INVALID_SIGNATURE,
            NoteFailure.MISSING_SIGNATURE_BLOCK,
            NoteFailure.MISSING_SIGNATURE_BLOCK,
            NoteFailure.MALFORMED_SIGNATURE_LINE,
            NoteFailure.CONTROL_CHARACTER,
            NoteFailure.MALFORMED_SIGNATURE_LINE,
            NoteFailure.MALFORMED_SIGNATURE_LINE,
            NoteFailure.INVALID_SIGNATURE,
            NoteFailure.NO_VERIFIED_SIGNATURE,
            NoteFailure.TOO_MANY_SIGNATURES);

    /**
     * The first bad key ends in "BADKEY==", which is not canonical base64 (non-zero trailing bits), so our
     * canonical-base64 rule refuses it before the length check would; SignedNoteTest covers the length rule.
     */
    private static final List<NoteFailure> BAD_VKEY_EXPECTED =
            List.of(NoteFailure.MALFORMED_VERIFIER_KEY, NoteFailure.UNSUPPORTED_ALGORITHM);

    static Stream<JsonNode> valid() {
        return list("valid").stream();
    }

    static Stream<Arguments> invalid() {
        List<JsonNode> cases = list("invalid");
        assertEquals(INVALID_EXPECTED.size(), cases.size());
        return Stream.iterate(0, i -> i + 1)
                .limit(cases.size())
                .map(i -> Arguments.of(cases.get(i).get("why").asText(), cases.get(i), INVALID_EXPECTED.get(i)));
    }

    static Stream<Arguments> badVkeys() {
        List<JsonNode> cases = list("badVkeys");
        assertEquals(BAD_VKEY_EXPECTED.size(), cases.size());
        return Stream.iterate(0, i -> i + 1)
                .limit(cases.size())
                .map(i -> Arguments.of(cases.get(i).get("why").asText(), cases.get(i), BAD_VKEY_EXPECTED.get(i)));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validNoteVerifiesAndRoundTrips(JsonNode v) throws Exception {
        List<NoteVerifierKey> keys = vkeys(v);
        String noteText = v.get("note").asText();
        SignedNote note = SignedNote.parse(noteText.getBytes(StandardCharsets.UTF_8));
        assertEquals(noteText, note.format());

        VerifiedNote verified = new NoteVerifier(keys).verify(note);
        assertEquals(keys, verified.signers());
        assertTrue(noteText.startsWith(verified.text()));
    }

    @Test
    void keyIdRuleAndVerifierKeyFormatRoundTrip() throws Exception {
        for (JsonNode v : list("valid")) {
            for (NoteVerifierKey key : vkeys(v)) {
                assertEquals(NoteVerifierKey.keyId(key.name(), key.publicKey()), key.keyId());
                assertEquals(key, NoteVerifierKey.parse(key.format()));
            }
        }
        String peter = list("valid").get(0).get("vkey").asText();
        assertEquals(peter, NoteVerifierKey.parse(peter).format());
    }

    @Test
    void signingWithTheVectorSeedReproducesTheNoteByteForByte() throws Exception {
        JsonNode v = list("valid").get(0);
        NoteSigner signer =
                new NoteSigner("PeterNeumann", seedFromSkey(v.get("skey").asText()));
        assertEquals(v.get("vkey").asText(), signer.verifierKey().format());
        String note = v.get("note").asText();
        String text = SignedNote.parse(note).text();
        assertEquals(note, NoteSigner.signNote(text, List.of(signer)).format());
    }

    @Test
    void unknownSecondSignatureIsIgnoredNotCounted() throws Exception {
        JsonNode v = list("valid").get(1);
        NoteVerifierKey peter = NoteVerifierKey.parse(v.get("vkeys").get(0).asText());
        VerifiedNote verified =
                new NoteVerifier(List.of(peter)).open(v.get("note").asText().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(peter), verified.signers());
    }

    @Test
    void sumDbCheckpointParses() throws Exception {
        JsonNode v = list("valid").get(3);
        VerifiedNote verified =
                new NoteVerifier(vkeys(v)).open(v.get("note").asText().getBytes(StandardCharsets.UTF_8));
        Checkpoint checkpoint = Checkpoint.fromVerified(verified);
        assertEquals(v.get("origin").asText(), checkpoint.origin());
        assertEquals(v.get("size").asLong(), checkpoint.size());
        assertEquals(v.get("rootHashB64").asText(), Base64.getEncoder().encodeToString(checkpoint.rootHash()));
        assertEquals(verified.text(), checkpoint.toText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidNoteIsRefused(String why, JsonNode v, NoteFailure expected) throws Exception {
        NoteVerifier verifier = new NoteVerifier(vkeys(v));
        byte[] bytes = v.get("note").asText().getBytes(StandardCharsets.UTF_8);
        NoteException e = assertThrows(NoteException.class, () -> verifier.open(bytes));
        assertEquals(expected, e.failure(), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badVkeys")
    void badVerifierKeyIsRefused(String why, JsonNode v, NoteFailure expected) {
        NoteException e = assertThrows(
                NoteException.class, () -> NoteVerifierKey.parse(v.get("vkey").asText()));
        assertEquals(expected, e.failure(), e.getMessage());
    }

    @Test
    void parseOnlyCheckpointParses() throws Exception {
        for (JsonNode v : list("parseOnly")) {
            String noteText = v.get("note").asText();
            SignedNote note = SignedNote.parse(noteText);
            assertEquals(noteText, note.format());
            Checkpoint checkpoint = Checkpoint.parse(note.text());
            assertEquals("example.com/behind-the-sofa", checkpoint.origin());
            assertEquals(20852163L, checkpoint.size());
            assertEquals(note.text(), checkpoint.toText());
            assertEquals("example.com/behind-the-sofa", note.signatures().get(0).keyName());
        }
    }

    static Ed25519KeyPair seedFromSkey(String skey) {
        // PRIVATE+KEY+<name>+<hex id>+base64(0x01 || seed): a test-only reader, main code never parses secrets.
        byte[] typed = Base64.getDecoder().decode(skey.split("\\+", 5)[4]);
        assertEquals(1, typed[0]);
        return Ed25519KeyPair.fromSeed(Arrays.copyOfRange(typed, 1, typed.length));
    }

    private static List<NoteVerifierKey> vkeys(JsonNode v) throws NoteException {
        List<NoteVerifierKey> keys = new ArrayList<>();
        if (v.has("vkey")) {
            keys.add(NoteVerifierKey.parse(v.get("vkey").asText()));
        }
        if (v.has("vkeys")) {
            for (JsonNode k : v.get("vkeys")) {
                keys.add(NoteVerifierKey.parse(k.asText()));
            }
        }
        return keys;
    }

    private static List<JsonNode> list(String field) {
        return StreamSupport.stream(FILE.get(field).spliterator(), false).toList();
    }
}
