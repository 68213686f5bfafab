package org.tejido.regional.intake;

import java.util.Collections;
import java.util.List;
import org.tejido.ledger.leaf.ChainTip;
import org.tejido.ledger.merkle.CompactRange;

/**
 * What the aggregator has accepted of one origin's log: every leaf hash in order (so it computes roots
 * itself and never has to trust one), the same tree as a compact range (so a batch costs its own
 * leaves, not the whole log) and the hash of the last leaf (the chain's tip).
 */
public record OriginLog(String origin, List<byte[]> leafHashes, CompactRange range) {
    /**
     * Takes {@code leafHashes} as it is, without copying (a log's hashes only grow: callers hand over a
     * list they no longer change, or a fixed-size view of an append-only one), so that a batch costs its
     * own leaves, not the whole log.
     */
    public OriginLog {
        leafHashes = Collections.unmodifiableList(leafHashes);
        if (range.size() != leafHashes.size()) {
            throw new IllegalArgumentException("the compact range must cover exactly the leaf hashes");
        }
    }

    /** Builds the compact range from the hashes: O(n), for tests and first loads. */
    public OriginLog(String origin, List<byte[]> leafHashes) {
        this(origin, leafHashes, CompactRange.of(leafHashes));
    }

    public static OriginLog empty(String origin) {
        return new OriginLog(origin, List.of());
    }

    public long size() {
        return leafHashes.size();
    }

    public ChainTip tip() {
        return leafHashes.isEmpty()
                ? ChainTip.empty()
                : new ChainTip(leafHashes.size(), leafHashes.get(leafHashes.size() - 1));
    }

    public byte[] root() {
        return range.root();
    }
}
