package org.tejido.ledger.tiles;

import java.util.List;

/** Where a log's leaf hashes are read: exactly {@code to - from} hashes of 32 bytes, in index order. */
@FunctionalInterface
public interface LeafHashes {
    List<byte[]> read(long from, long to);
}
