package org.tejido.ledger.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.crypto.Ed25519KeyPair;

/** c2sp.org/tlog-cosignature (Ed25519, cosignature/v1), checked against the specification's rules. */
class CosignerTest {
    private static final String WITNESS = "regional.example.org/witness";
    private static final Cosigner COSIGNER = new Cosigner(WITNESS, keyPair(7));
    private static final NoteSigner LOG = new NoteSigner("mx.example.org/MX/v1", keyPair(1));
    private static final String CHECKPOINT =
            "mx.example.org/MX/v1\n3\n" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n";

    private static Ed25519KeyPair keyPair(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return Ed25519KeyPair.fromSeed(seed);
    }

    @Test
    void aCosignatureIsTheTimestampThenTheSignatureOfTheSpecifiedMessage() throws Exception {
        NoteSignature line = COSIGNER.cosign(CHECKPOINT, 1_700_000_000L);

        byte[] raw = line.signature();
        assertEquals(72, raw.length);
        assertEquals(1_700_000_000L, ByteBuffer.wrap(raw, 0, 8).getLong());
        // Checked with Bouncy Castle directly, not through the class under test.
        byte[] message = ("cosignature/v1\ntime 1700000000\n" + CHECKPOINT).getBytes(StandardCharsets.UTF_8);
        byte[] signature = Arrays.copyOfRange(raw, 8, 72);
        assertTrue(Ed25519.verify(signature, 0, COSIGNER.publicKey().toBytes(), 0, message, 0, message.length));
        assertEquals(1_700_000_000L, Cosigner.verify(WITNESS, COSIGNER.publicKey(), CHECKPOINT, line));
    }

    @Test
    void theKeyIdUsesAlgorithmByte4() throws Exception {
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        sha256.update((WITNESS + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0x04);
        sha256.update(COSIGNER.publicKey().toBytes());
        int expected = ByteBuffer.wrap(sha256.digest(), 0, 4).getInt();

        assertEquals(expected, COSIGNER.cosign(CHECKPOINT, 1).keyId());
    }

    @Test
    void aCosignedCheckpointStillVerifiesUnderTheLogKeyAndCarriesBothLines() throws Exception {
        SignedNote logNote = NoteSigner.signNote(CHECKPOINT, List.of(LOG));
        NoteSignature cosignature = COSIGNER.cosign(logNote.text(), 1_700_000_000L);

        String cosigned = logNote.format() + cosignature.formatLine();
        SignedNote parsed = SignedNote.parse(cosigned.getBytes(StandardCharsets.UTF_8));

        assertEquals(2, parsed.signatures().size());
        new NoteVerifier(List.of(LOG.verifierKey())).verify(parsed);
        assertEquals(
                1_700_000_000L,
                Cosigner.verify(
                        WITNESS,
                        COSIGNER.publicKey(),
                        parsed.text(),
                        parsed.signatures().get(1)));
    }

    @Test
    void anyChangeBreaksTheCosignature() throws Exception {
        NoteSignature line = COSIGNER.cosign(CHECKPOINT, 1_700_000_000L);
        byte[] otherTime = line.signature();
        otherTime[7] ^= 1;
        byte[] flipped = line.signature();
        flipped[40] ^= 1;

        assertEquals(-1, Cosigner.verify(WITNESS, COSIGNER.publicKey(), CHECKPOINT.replace("\n3\n", "\n4\n"), line));
        assertEquals(-1, Cosigner.verify("other.example.org/witness", COSIGNER.publicKey(), CHECKPOINT, line));
        assertEquals(-1, Cosigner.verify(WITNESS, keyPair(8).publicKey(), CHECKPOINT, line));
        assertEquals(-1, verifyRaw(line, otherTime));
        assertEquals(-1, verifyRaw(line, flipped));
        assertEquals(-1, verifyRaw(line, Arrays.copyOf(line.signature(), 71)));
        assertArrayEquals(
                line.signature(), COSIGNER.cosign(CHECKPOINT, 1_700_000_000L).signature());
    }

    private static long verifyRaw(NoteSignature line, byte[] raw) {
        return Cosigner.verify(
                WITNESS, COSIGNER.publicKey(), CHECKPOINT, new NoteSignature(line.keyName(), line.keyId(), raw));
    }
}
