package org.tejido.regional.statistics.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteVerifier;
import org.tejido.ledger.note.SignedNote;
import org.tejido.regional.statistics.disclosure.Parameters;

class ReleaseNoteTest {
    static final byte[] ROOT_MX = filled(7);
    static final byte[] ROOT_GT = filled(9);

    static ReleaseNote note() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("{}".getBytes(StandardCharsets.UTF_8));
        return new ReleaseNote(
                "regional.example.org/releases",
                "2026",
                1,
                "tejido-disclosure/v1",
                Parameters.DEFAULT,
                Instant.parse("2026-12-08T01:02:03.456Z"),
                digest,
                List.of(
                        new ReleaseNote.Source("mx.example.org/MX/v1", 1200, ROOT_MX),
                        new ReleaseNote.Source("gt.example.org/GT/v1", 30, ROOT_GT)));
    }

    @Test
    void theTextNamesEachOriginsCheckpointInOriginOrderAndParsesBackToTheSameNote() throws Exception {
        ReleaseNote note = note();

        String text = note.text();

        assertThat(text)
                .startsWith("tejido-release/v1\nname regional.example.org/releases\nperiod 2026\nnumber 1\n"
                        + "algorithm tejido-disclosure/v1\nthreshold 5\nmin-width 5\ncomputed-at 2026-12-08T01:02:03Z\n"
                        + "content sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\n")
                .endsWith("source gt.example.org/GT/v1 30 CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=\n"
                        + "source mx.example.org/MX/v1 1200 BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n");
        assertThat(ReleaseNote.parse(text)).isEqualTo(note);
    }

    @Test
    void aTextThatIsNotCanonicalIsRefused() throws Exception {
        String text = note().text();

        assertThatThrownBy(() -> ReleaseNote.parse(text.replace("number 1", "number 01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReleaseNote.parse(text.replace("period 2026", "period 2026-01")))
                .isInstanceOf(IllegalArgumentException.class);
        // sources out of origin order
        String[] lines = text.split("\n");
        String swapped = String.join("\n", Arrays.copyOf(lines, 9)) + "\n" + lines[10] + "\n" + lines[9] + "\n";
        assertThatThrownBy(() -> ReleaseNote.parse(swapped)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReleaseNote.parse(text.substring(0, text.length() - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedReleaseVerifiesWithTheReleaseKeyAndNotOnceChanged() throws Exception {
        ReleaseSigner signer = new ReleaseSigner("regional.example.org/releases", filled(1));
        SignedNote signed = signer.sign(note());
        NoteVerifier verifier = new NoteVerifier(List.of(signer.verifierKey()));

        assertThat(ReleaseNote.parse(verifier.verify(signed).text())).isEqualTo(note());

        SignedNote changed = SignedNote.parse(signed.format().replace("threshold 5", "threshold 3"));
        assertThatThrownBy(() -> verifier.verify(changed)).isInstanceOf(NoteException.class);
        ReleaseSigner other = new ReleaseSigner("regional.example.org/releases", filled(2));
        assertThatThrownBy(() -> new NoteVerifier(List.of(other.verifierKey())).verify(signed))
                .isInstanceOf(NoteException.class);
    }

    private static byte[] filled(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }
}
