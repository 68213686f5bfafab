package org.tejido.regional.statistics.release;

import java.time.Instant;

/**
 * A published release as stored and served: the signed note and the content it names.
 *
 * @param note the c2sp.org/signed-note bytes (text {@code tejido-release/v1}, then the signature)
 * @param content the canonical JSON of the protected tables (docs/statistics-releases.md)
 */
public record StoredRelease(String period, int number, byte[] note, byte[] content, Instant publishedAt) {
    public StoredRelease {
        note = note.clone();
        content = content.clone();
    }

    @Override
    public byte[] note() {
        return note.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
