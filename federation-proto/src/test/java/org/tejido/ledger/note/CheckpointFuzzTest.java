package org.tejido.ledger.note;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link Checkpoint#parse} on any text (docs/fuzzing.md): a checkpoint or {@link NoteException},
 * nothing else, and only canonical texts parse ({@code toText()} gives back the input); and the other way
 * round, any checkpoint the record accepts survives {@code parse(toText())}. Seeds: the checkpoint bodies
 * of the signed-note vectors (FUZZ-SEEDS-LICENSE.md) and the project's own.
 */
class CheckpointFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(text);
        } catch (NoteException e) {
            SignedNoteFuzzTest.requireFailure(e);
            return;
        }
        if (!checkpoint.toText().equals(text)) {
            throw new AssertionError("parsed a non-canonical checkpoint: " + checkpoint);
        }
    }

    @FuzzTest
    void format(FuzzedDataProvider data) throws NoteException {
        Checkpoint checkpoint;
        try {
            String origin = data.consumeString(64);
            long size = data.consumeLong();
            byte[] root = data.consumeBytes(33);
            List<String> extensions = new ArrayList<>();
            int count = data.consumeInt(0, 3);
            for (int i = 0; i < count; i++) {
                extensions.add(data.consumeString(32));
            }
            checkpoint = new Checkpoint(origin, size, root, extensions);
        } catch (IllegalArgumentException e) {
            return; // not a checkpoint: the record refuses it
        }
        Checkpoint parsed = Checkpoint.parse(checkpoint.toText());
        if (!parsed.equals(checkpoint)) {
            throw new AssertionError("parse(toText()) = " + parsed + ", not " + checkpoint);
        }
    }
}
