package org.tejido.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.crypto.Ed25519KeyPair;

/** The witness's verifier key string (type 0x04) and the check of its cosignature on a checkpoint. */
class WitnessKeyTest {
    private static final Cosigner WITNESS = new Cosigner("regional.example.org/witness", keyPair(7));
    private static final Cosigner OTHER = new Cosigner("regional.example.org/witness", keyPair(8));
    private static final NoteSigner LOG = new NoteSigner("mx.example.org/MX/v1", keyPair(1));
    private static final String CHECKPOINT =
            "mx.example.org/MX/v1\n3\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";

    private static Ed25519KeyPair keyPair(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return Ed25519KeyPair.fromSeed(seed);
    }

    private static SignedNote cosignedBy(Cosigner cosigner) throws NoteException {
        SignedNote logNote = NoteSigner.signNote(CHECKPOINT, List.of(LOG));
        return SignedNote.parse(logNote.format()
                + cosigner.cosign(logNote.text(), 1_700_000_000L).formatLine());
    }

    @Test
    void theKeyStringRoundTripsAndNamesTheCosignatureKeyId() throws Exception {
        String text = WitnessKey.of(WITNESS).format();

        assertThat(WitnessKey.parse(text)).isEqualTo(WitnessKey.of(WITNESS));
        assertThat(text)
                .startsWith("regional.example.org/witness+"
                        + String.format("%08x", Cosigner.keyId(WITNESS.name(), WITNESS.publicKey())) + "+");
        assertThat(Base64.getDecoder().decode(text.substring(text.lastIndexOf('+') + 1))[0])
                .isEqualTo((byte) 0x04);
    }

    @Test
    void aLogVerifierKeyIsNotAWitnessKey() {
        String logKey = LOG.verifierKey().format();

        assertThatThrownBy(() -> WitnessKey.parse(logKey))
                .isInstanceOfSatisfying(
                        NoteException.class, e -> assertThat(e.failure()).isEqualTo(NoteFailure.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void aKeyIdThatDoesNotMatchIsRefused() {
        String text = WitnessKey.of(WITNESS).format();
        String otherId = WitnessKey.of(OTHER).format().split("\\+")[1];
        String forged = text.replaceFirst("\\+[0-9a-f]{8}\\+", "+" + otherId + "+");

        assertThatThrownBy(() -> WitnessKey.parse(forged))
                .isInstanceOfSatisfying(
                        NoteException.class, e -> assertThat(e.failure()).isEqualTo(NoteFailure.KEY_ID_MISMATCH));
    }

    @Test
    void onlyTheWitnessOwnCosignatureOfThatTextCounts() throws Exception {
        WitnessKey witness = WitnessKey.of(WITNESS);

        assertThat(witness.cosigned(cosignedBy(WITNESS))).isTrue();
        assertThat(witness.cosigned(cosignedBy(OTHER))).isFalse();
        assertThat(witness.cosigned(NoteSigner.signNote(CHECKPOINT, List.of(LOG))))
                .isFalse();
        SignedNote moved = new SignedNote(
                CHECKPOINT.replace("\n3\n", "\n4\n"), cosignedBy(WITNESS).signatures());
        assertThat(witness.cosigned(moved)).isFalse();
    }
}
