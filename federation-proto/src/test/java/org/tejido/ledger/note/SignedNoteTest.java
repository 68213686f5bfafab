package org.tejido.ledger.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.crypto.Ed25519KeyPair;

/** Strictness beyond the shared vectors: our own edge cases for parsing, signing and verifying notes. */
class SignedNoteTest {

    private static NoteSigner signer(String name, int seedByte) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) seedByte);
        return new NoteSigner(name, Ed25519KeyPair.fromSeed(seed));
    }

    private static final NoteSigner ALICE = signer("mx.example.org/MX/v1", 1);
    private static final NoteSigner BOB = signer("regional.example.org/witness", 2);

    @Test
    void textWithBlankLinesRoundTrips() throws Exception {
        String text = "first\n\nthird\n";
        SignedNote note = NoteSigner.signNote(text, List.of(ALICE));
        SignedNote parsed = SignedNote.parse(note.toBytes());
        assertEquals(text, parsed.text());
        assertEquals(
                List.of(ALICE.verifierKey()),
                new NoteVerifier(List.of(ALICE.verifierKey())).verify(parsed).signers());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bytes = "a\n\n\u2014 x AAAAAAA=\n".getBytes(StandardCharsets.UTF_8);
        bytes[0] = (byte) 0xff;
        assertFailure(NoteFailure.NOT_UTF8, () -> SignedNote.parse(bytes));
    }

    @Test
    void carriageReturnIsAControlCharacter() throws Exception {
        String good = NoteSigner.signNote("a\n", List.of(ALICE)).format();
        assertFailure(NoteFailure.CONTROL_CHARACTER, () -> SignedNote.parse(good.replace("a\n", "a\r\n")));
    }

    @Test
    void signatureLinesMustBeExact() throws Exception {
        String good = NoteSigner.signNote("a\n", List.of(ALICE)).format();
        assertFailure(NoteFailure.MALFORMED_SIGNATURE_LINE, () -> SignedNote.parse(good.replace("\u2014 ", "- ")));
        assertFailure(NoteFailure.MALFORMED_SIGNATURE_LINE, () -> SignedNote.parse(good.replace("\u2014 ", "\u2014")));
        assertFailure(NoteFailure.MALFORMED_SIGNATURE_LINE, () -> SignedNote.parse(good.replace("=\n", "\n")));
        assertFailure(NoteFailure.MALFORMED_SIGNATURE_LINE, () -> SignedNote.parse(good.replace("=\n", "= \n")));
        assertFailure(NoteFailure.MALFORMED_SIGNATURE_LINE, () -> SignedNote.parse(good + "\u2014 x AAAA\n"));
        assertFailure(
                NoteFailure.MALFORMED_SIGNATURE_LINE,
                () -> SignedNote.parse(good.replace("v1 ", "v1\u00a0") /* NBSP is a Unicode space */));
    }

    @Test
    void signatureWithMatchingIdButOtherNameIsIgnored() throws Exception {
        NoteSignature real = ALICE.sign("a\n");
        NoteSignature renamed = new NoteSignature("someone.else", real.keyId(), real.signature());
        SignedNote note = new SignedNote("a\n", List.of(renamed));
        assertFailure(
                NoteFailure.NO_VERIFIED_SIGNATURE, () -> new NoteVerifier(List.of(ALICE.verifierKey())).verify(note));
    }

    @Test
    void signatureWithMatchingNameButOtherIdIsIgnored() throws Exception {
        NoteSignature real = ALICE.sign("a\n");
        NoteSignature otherId = new NoteSignature(real.keyName(), real.keyId() + 1, real.signature());
        SignedNote withGood = new SignedNote("a\n", List.of(otherId, real));
        assertEquals(
                List.of(ALICE.verifierKey()),
                new NoteVerifier(List.of(ALICE.verifierKey())).verify(withGood).signers());
    }

    @Test
    void aFailingKnownSignatureRejectsTheNoteEvenIfAnotherVerifies() throws Exception {
        NoteSignature good = ALICE.sign("a\n");
        NoteSignature forged = BOB.sign("b\n");
        SignedNote note = new SignedNote("a\n", List.of(good, forged));
        NoteVerifier both = new NoteVerifier(List.of(ALICE.verifierKey(), BOB.verifierKey()));
        assertFailure(NoteFailure.INVALID_SIGNATURE, () -> both.verify(note));
        // Trusting only Alice, Bob's bad line is an unknown signature and is ignored.
        assertEquals(
                List.of(ALICE.verifierKey()),
                new NoteVerifier(List.of(ALICE.verifierKey())).verify(note).signers());
    }

    @Test
    void sixteenSignaturesAreAcceptedAndRepeatsCountOnce() throws Exception {
        NoteSignature sig = ALICE.sign("a\n");
        SignedNote note = SignedNote.parse(new SignedNote("a\n", Collections.nCopies(16, sig)).format());
        assertEquals(
                1,
                new NoteVerifier(List.of(ALICE.verifierKey()))
                        .verify(note)
                        .signers()
                        .size());
    }

    @Test
    void hundredSignaturesAreTheLimit() throws Exception {
        List<NoteSignature> many = new ArrayList<>(Collections.nCopies(100, ALICE.sign("a\n")));
        String atLimit = new SignedNote("a\n", many).format();
        assertEquals(100, SignedNote.parse(atLimit).signatures().size());
        assertFailure(
                NoteFailure.TOO_MANY_SIGNATURES,
                () -> SignedNote.parse(atLimit + many.get(0).formatLine()));
    }

    @Test
    void textToSignMustEndInNewlineAndHaveNoControlCharacters() {
        assertFailure(NoteFailure.MISSING_SIGNATURE_BLOCK, () -> ALICE.sign("no newline"));
        assertFailure(NoteFailure.CONTROL_CHARACTER, () -> ALICE.sign("tab\there\n"));
        assertFailure(NoteFailure.NOT_UTF8, () -> ALICE.sign("lone \ud800 surrogate\n"));
    }

    @Test
    void keyNamesFollowTheSpec() {
        assertFalse(NoteText.isValidKeyName(""));
        assertFalse(NoteText.isValidKeyName("a+b"));
        assertFalse(NoteText.isValidKeyName("a b"));
        assertFalse(NoteText.isValidKeyName("a\u2003b"));
        assertFalse(NoteText.isValidKeyName("a\u0085b"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new NoteSigner("bad name", Ed25519KeyPair.fromSeed(new byte[32])));
    }

    @Test
    void verifierKeysAreStrict() throws Exception {
        String good = ALICE.verifierKey().format();
        assertEquals(ALICE.verifierKey(), NoteVerifierKey.parse(good));
        String[] parts = good.split("\\+", 3);
        assertFailure(NoteFailure.MALFORMED_VERIFIER_KEY, () -> NoteVerifierKey.parse(parts[0] + "+" + parts[1]));
        assertFailure(
                NoteFailure.MALFORMED_VERIFIER_KEY,
                () -> NoteVerifierKey.parse(parts[0] + "+" + parts[1].toUpperCase() + "x+" + parts[2]));
        assertFailure(NoteFailure.MALFORMED_VERIFIER_KEY, () -> NoteVerifierKey.parse(good + "+extra"));
        assertFailure(
                NoteFailure.MALFORMED_VERIFIER_KEY, () -> NoteVerifierKey.parse(good.substring(0, good.length() - 1)));
        String otherId = String.format("%08x", Integer.parseUnsignedInt(parts[1], 16) ^ 1);
        assertFailure(
                NoteFailure.KEY_ID_MISMATCH, () -> NoteVerifierKey.parse(parts[0] + "+" + otherId + "+" + parts[2]));
        // A small-order key (the identity point), correctly typed and with its own correct key ID.
        byte[] identity = new byte[33];
        identity[0] = 1;
        identity[1] = 1;
        String b64 = java.util.Base64.getEncoder().encodeToString(identity);
        String id = String.format(
                "%08x",
                java.nio.ByteBuffer.wrap(
                                org.tejido.ledger.Sha256.of(
                                        "n".getBytes(StandardCharsets.UTF_8), new byte[] {'\n'}, identity),
                                0,
                                4)
                        .getInt());
        assertFailure(NoteFailure.INVALID_PUBLIC_KEY, () -> NoteVerifierKey.parse("n+" + id + "+" + b64));
        // A 31-byte key in canonical base64.
        String shortKey = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(identity, 32));
        assertFailure(NoteFailure.INVALID_PUBLIC_KEY, () -> NoteVerifierKey.parse("n+" + id + "+" + shortKey));
        // The right length and a valid key, but signature type 0x02.
        byte[] typed = java.util.Base64.getDecoder().decode(parts[2]);
        typed[0] = 2;
        String wrongType = java.util.Base64.getEncoder().encodeToString(typed);
        assertFailure(
                NoteFailure.UNSUPPORTED_ALGORITHM,
                () -> NoteVerifierKey.parse(parts[0] + "+" + parts[1] + "+" + wrongType));
    }

    @Test
    void ambiguousTrustConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NoteVerifier(List.of()));
        assertEquals(
                1,
                new NoteVerifier(List.of(ALICE.verifierKey(), ALICE.verifierKey()))
                        .trustedKeys()
                        .size());
    }

    interface Action {
        void run() throws NoteException;
    }

    static void assertFailure(NoteFailure expected, Action action) {
        NoteException e = assertThrows(NoteException.class, action::run);
        assertEquals(expected, e.failure(), e.getMessage());
    }
}
