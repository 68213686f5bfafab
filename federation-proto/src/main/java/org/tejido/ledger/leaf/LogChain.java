package org.tejido.ledger.leaf;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tejido.ledger.merkle.MerkleHash;

/**
 * Checks that a batch of encoded leaves continues one log: strict decoding, the expected origin, contiguous
 * indexes from the current tip, and each leaf naming the previous leaf's hash. It decides only; applying an
 * accepted batch (atomically) is the caller's job.
 */
public final class LogChain {

    private final String origin;

    public LogChain(String origin) {
        LeafV1.requireOrigin(origin);
        this.origin = origin;
    }

    public String origin() {
        return origin;
    }

    /** Checks the batch in order against {@code tip}; an empty batch is accepted and changes nothing. */
    public ChainResult check(ChainTip tip, List<byte[]> encodedLeaves) {
        Objects.requireNonNull(tip, "tip");
        long expectedIndex = tip.nextIndex();
        byte[] previousHash = tip.lastLeafHash();
        List<LeafV1> accepted = new ArrayList<>(encodedLeaves.size());
        for (int position = 0; position < encodedLeaves.size(); position++) {
            byte[] encoded = encodedLeaves.get(position);
            LeafV1 leaf;
            try {
                leaf = LeafCodec.decode(encoded);
            } catch (LeafFormatException e) {
                return new ChainResult.Rejected(ChainError.MALFORMED_LEAF, position, e.getMessage());
            }
            ChainResult.Rejected problem = firstProblem(leaf, position, expectedIndex, previousHash);
            if (problem != null) {
                return problem;
            }
            accepted.add(leaf);
            previousHash = MerkleHash.leaf(encoded);
            expectedIndex++;
        }
        return new ChainResult.Accepted(new ChainTip(expectedIndex, previousHash), accepted);
    }

    /**
     * The same checks on leaves already decoded, with their leaf hashes ({@code MerkleHash.leaf} of each
     * encoded leaf, position by position), for a caller that decoded and hashed them once for every use.
     */
    public ChainResult check(ChainTip tip, List<LeafV1> leaves, List<byte[]> leafHashes) {
        Objects.requireNonNull(tip, "tip");
        if (leaves.size() != leafHashes.size()) {
            throw new IllegalArgumentException("one leaf hash per leaf");
        }
        long expectedIndex = tip.nextIndex();
        byte[] previousHash = tip.lastLeafHash();
        for (int position = 0; position < leaves.size(); position++) {
            ChainResult.Rejected problem = firstProblem(leaves.get(position), position, expectedIndex, previousHash);
            if (problem != null) {
                return problem;
            }
            previousHash = leafHashes.get(position);
            expectedIndex++;
        }
        return new ChainResult.Accepted(new ChainTip(expectedIndex, previousHash), leaves);
    }

    private ChainResult.Rejected firstProblem(LeafV1 leaf, int position, long expectedIndex, byte[] previousHash) {
        if (!origin.equals(leaf.origin())) {
            return new ChainResult.Rejected(
                    ChainError.WRONG_ORIGIN,
                    position,
                    "leaf of origin '" + leaf.origin() + "' in log '" + origin + "'");
        }
        if (leaf.index() < expectedIndex) {
            return new ChainResult.Rejected(
                    ChainError.INDEX_ALREADY_USED,
                    position,
                    "index " + leaf.index() + " but expected " + expectedIndex);
        }
        if (leaf.index() > expectedIndex) {
            return new ChainResult.Rejected(
                    ChainError.INDEX_GAP, position, "index " + leaf.index() + " but expected " + expectedIndex);
        }
        if (!MessageDigest.isEqual(leaf.previousLeafHash(), previousHash)) {
            return new ChainResult.Rejected(
                    ChainError.PREVIOUS_HASH_MISMATCH,
                    position,
                    "leaf " + leaf.index() + " does not point at the previous leaf");
        }
        return null;
    }
}
