package org.tejido.national.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.Cosigner;
import org.tejido.ledger.note.NoteSigner;
import org.tejido.ledger.note.SignedNote;
import org.tejido.ledger.note.WitnessKey;
import org.tejido.support.SecurityLog;

/** A confirmation's note is kept as evidence only when the configured witness cosigned it. */
class WitnessCheckedStateStoreTest {
    private static final String ORIGIN = "mx.example.org/MX/v1";
    private static final Cosigner WITNESS = new Cosigner("regional.example.org/witness", keyPair(7));
    private static final Cosigner IMPOSTOR = new Cosigner("regional.example.org/witness", keyPair(9));
    private static final NoteSigner LOG = new NoteSigner(ORIGIN, keyPair(1));
    private static final String CHECKPOINT =
            ORIGIN + "\n3\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";

    private final RecordedStates states = new RecordedStates();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WitnessCheckedStateStore store = new WitnessCheckedStateStore(states, WitnessKey.of(WITNESS), meters);

    private static Ed25519KeyPair keyPair(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return Ed25519KeyPair.fromSeed(seed);
    }

    private static String cosignedBy(Cosigner cosigner) throws Exception {
        SignedNote logNote = NoteSigner.signNote(CHECKPOINT, List.of(LOG));
        return logNote.format()
                + cosigner.cosign(logNote.text(), 1_700_000_000L).formatLine();
    }

    private double refused() {
        return meters.get("tejido.federation.push.cosignatures.refused")
                .counter()
                .count();
    }

    @Test
    void aNoteTheWitnessCosignedIsKept() throws Exception {
        // given
        String note = cosignedBy(WITNESS);

        // when
        store.record(ORIGIN, 3, note);

        // then
        assertThat(states.last()).isEqualTo(new RecordedStates.Recorded(ORIGIN, 3, note));
        assertThat(refused()).isZero();
    }

    @Test
    void aNoteCosignedByAnotherKeyKeepsTheSizeButNotTheNoteAndIsASecurityEvent() throws Exception {
        try (SecurityLog security = SecurityLog.capture()) {
            // when
            store.record(ORIGIN, 3, cosignedBy(IMPOSTOR));

            // then
            assertThat(states.last()).isEqualTo(new RecordedStates.Recorded(ORIGIN, 3, null));
            assertThat(refused()).isEqualTo(1);
            assertThat(security.events())
                    .containsExactly("SECURITY federation witness cosignature missing or invalid: origin=" + ORIGIN
                            + " size=3 witness=regional.example.org/witness");
        }
    }

    @Test
    void aNoteWithoutCosignatureOrThatDoesNotParseIsNotKept() throws Exception {
        // when
        store.record(ORIGIN, 3, NoteSigner.signNote(CHECKPOINT, List.of(LOG)).format());
        store.record(ORIGIN, 3, "not a note");

        // then
        assertThat(states.all())
                .extracting(RecordedStates.Recorded::cosignedNote)
                .containsExactly(null, null);
        assertThat(refused()).isEqualTo(2);
    }

    @Test
    void sizeZeroHasNoNoteToCheck() {
        // when
        store.record(ORIGIN, 0, null);

        // then
        assertThat(states.last()).isEqualTo(new RecordedStates.Recorded(ORIGIN, 0, null));
        assertThat(refused()).isZero();
    }
}
