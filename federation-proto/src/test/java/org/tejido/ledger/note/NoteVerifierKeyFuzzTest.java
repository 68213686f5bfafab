package org.tejido.ledger.note;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the verifier key strings an operator or an enrollment hands in (docs/fuzzing.md):
 * {@link NoteVerifierKey#parse} and {@link WitnessKey#parse} return a key or throw {@link NoteException},
 * nothing else, and accept only the canonical text ({@code format()} gives back the input). Seeds: the
 * signed-note vectors' keys, good and bad (FUZZ-SEEDS-LICENSE.md), and the keys of deploy/fuzz/seeds.py.
 */
class NoteVerifierKeyFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        NoteVerifierKey key;
        try {
            key = NoteVerifierKey.parse(text);
        } catch (NoteException e) {
            SignedNoteFuzzTest.requireFailure(e);
            return;
        }
        if (!key.format().equals(text)) {
            throw new AssertionError("parsed a non-canonical key: " + key);
        }
    }

    @FuzzTest
    void parseWitnessKey(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        WitnessKey key;
        try {
            key = WitnessKey.parse(text);
        } catch (NoteException e) {
            SignedNoteFuzzTest.requireFailure(e);
            return;
        }
        if (!key.format().equals(text)) {
            throw new AssertionError("parsed a non-canonical witness key: " + key);
        }
    }
}
