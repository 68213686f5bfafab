package org.tejido.platform.tiles;

import java.util.List;
import java.util.OptionalLong;
import org.tejido.ledger.tiles.TreeHashes;

/**
 * One log as served to auditors: its latest checkpoint (the note exactly as served) and what that checkpoint
 * covers. Nothing past {@link #size()} is ever served.
 */
public interface ServedLog {
    /** The tree size of the served checkpoint. */
    long size();

    /** The served checkpoint as a signed note, with any cosignatures. */
    String checkpoint();

    TreeHashes tree();

    /** The leaf bytes (what the tree hashes, never a payload) of entries {@code from..to-1}. */
    List<byte[]> leaves(long from, long to);

    /** The index of the first leaf with this leaf hash below {@code size}, if any. */
    OptionalLong indexOf(byte[] leafHash, long size);
}
