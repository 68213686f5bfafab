package org.tejido.regional.intake;

import java.util.List;
import org.tejido.ledger.leaf.ChainTip;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.merkle.MerkleTree;

/**
 * What the aggregator has accepted of one origin's log: every leaf hash in order (so it computes roots
 * itself and never has to trust one) and the hash of the last leaf (the chain's tip).
 */
public record OriginLog(String origin, List<byte[]> leafHashes) {
    public OriginLog {
        leafHashes = List.copyOf(leafHashes);
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
        return leafHashes.isEmpty() ? MerkleHash.emptyRoot() : MerkleTree.root(leafHashes);
    }
}
