package org.tejido.ledger.note;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.crypto.Ed25519PublicKey;

/**
 * Fuzzes the reading of cosignature lines (docs/fuzzing.md): for every signature line of a note that
 * parses, {@link Cosigner#verify} with a fixed witness key returns -1 or a non-negative timestamp, never
 * throws, and {@link WitnessKey#cosigned} agrees with it. Seeds: a checkpoint signed and cosigned with the
 * keys of deploy/fuzz/seeds.py.
 */
class CosignerFuzzTest {

    static final byte[] WITNESS_SEED = SignedNoteFuzzTest.filled(9);
    static final String WITNESS_NAME = "witness.example.org/w1";

    private static final Ed25519PublicKey WITNESS =
            Ed25519KeyPair.fromSeed(WITNESS_SEED).publicKey();
    private static final WitnessKey WITNESS_KEY = new WitnessKey(WITNESS_NAME, WITNESS);

    @FuzzTest
    void verify(byte[] bytes) {
        SignedNote note;
        try {
            note = SignedNote.parse(bytes);
        } catch (NoteException e) {
            SignedNoteFuzzTest.requireFailure(e);
            return;
        }
        boolean any = false;
        for (NoteSignature line : note.signatures()) {
            long timestamp = Cosigner.verify(WITNESS_NAME, WITNESS, note.text(), line);
            if (timestamp < -1) {
                throw new AssertionError("timestamp " + timestamp);
            }
            any |= timestamp >= 0;
        }
        if (any != WITNESS_KEY.cosigned(note)) {
            throw new AssertionError("WitnessKey.cosigned disagrees with Cosigner.verify");
        }
    }
}
