package org.tejido.ledger.tiles;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** An entry bundle of c2sp.org/tlog-tiles: each entry as a big-endian uint16 length, then its bytes. */
public final class EntryBundle {
    public static final int MAX_ENTRY = 0xFFFF;

    private EntryBundle() {}

    public static byte[] encode(List<byte[]> entries) {
        if (entries.isEmpty() || entries.size() > TileAddress.FULL) {
            throw new IllegalArgumentException("a bundle holds 1 to 256 entries");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * 400);
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY) {
                throw new IllegalArgumentException("an entry longer than a uint16 length can say");
            }
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xFF);
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }
}
