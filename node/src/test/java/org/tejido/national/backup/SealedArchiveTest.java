package org.tejido.national.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tejido.national.protection.MasterKey;

class SealedArchiveTest {
    private static final MasterKey MASTER = key(1);
    private static final int SEALED_CHUNK = SealedArchive.CHUNK + 16;

    @ParameterizedTest
    @ValueSource(
            ints = {0, 1, SealedArchive.CHUNK - 1, SealedArchive.CHUNK, SealedArchive.CHUNK + 1, 2 * SealedArchive.CHUNK
            })
    void whatIsSealedOpensAsItWas(int size) throws IOException {
        byte[] content = content(size);
        byte[] sealed = seal(content);
        // Header, then full chunks, then the last (a full last chunk when the size is a multiple).
        int chunks = Math.max(1, (size + SealedArchive.CHUNK - 1) / SealedArchive.CHUNK);
        assertThat(sealed).hasSize(SealedArchive.HEADER + size + 16 * chunks);
        assertThat(open(sealed, MASTER)).isEqualTo(content);
    }

    @Test
    void anArchiveCutAtAChunkBoundaryDoesNotOpen() throws IOException {
        byte[] sealed = seal(content(2 * SealedArchive.CHUNK + 10));
        byte[] cut = Arrays.copyOf(sealed, SealedArchive.HEADER + 2 * SEALED_CHUNK);
        assertThatThrownBy(() -> open(cut, MASTER))
                .isInstanceOf(SealedArchive.Unreadable.class)
                .hasMessageContaining("damaged, altered or cut short (chunk 1)");
    }

    @Test
    void swappedChunksDoNotOpen() throws IOException {
        byte[] sealed = seal(content(3 * SealedArchive.CHUNK));
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, SealedArchive.HEADER, swapped, SealedArchive.HEADER + SEALED_CHUNK, SEALED_CHUNK);
        System.arraycopy(sealed, SealedArchive.HEADER + SEALED_CHUNK, swapped, SealedArchive.HEADER, SEALED_CHUNK);
        assertThatThrownBy(() -> open(swapped, MASTER)).isInstanceOf(SealedArchive.Unreadable.class);
    }

    @Test
    void theHeaderIsBoundToEveryChunk() throws IOException {
        byte[] sealed = seal(content(100));
        byte[] otherSalt = sealed.clone();
        otherSalt[SealedArchive.MAGIC.length + 16] ^= 1;
        assertThatThrownBy(() -> open(otherSalt, MASTER)).isInstanceOf(SealedArchive.Unreadable.class);
    }

    @Test
    void anotherMasterKeyIsNamedNotMistakenForDamage() throws IOException {
        byte[] sealed = seal(content(100));
        assertThatThrownBy(() -> open(sealed, key(2)))
                .isInstanceOfSatisfying(
                        SealedArchive.Unreadable.class,
                        e -> assertThat(e.otherMasterKey()).isTrue())
                .hasMessageContaining("made under master key " + MASTER.id());
    }

    @Test
    void whatIsNotAnArchiveIsSaidSo() {
        assertThatThrownBy(() -> open("PGDMP".getBytes(), MASTER)).hasMessageContaining("not a Tejido backup");
        assertThatThrownBy(() -> open(new byte[SealedArchive.HEADER + 40], MASTER))
                .hasMessageContaining("not a Tejido backup archive of format v1");
    }

    private static byte[] seal(byte[] content) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = SealedArchive.seal(sealed, MASTER)) {
            // In uneven pieces, as a buffered writer would.
            for (int at = 0; at < content.length; at += 70_001) {
                out.write(content, at, Math.min(70_001, content.length - at));
            }
        }
        return sealed.toByteArray();
    }

    private static byte[] open(byte[] sealed, MasterKey master) throws IOException {
        return SealedArchive.open(new ByteArrayInputStream(sealed), master).readAllBytes();
    }

    private static byte[] content(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    private static MasterKey key(int seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        try {
            return MasterKey.existing(Base64.getEncoder().encodeToString(bytes), null)
                    .orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
