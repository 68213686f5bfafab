package org.tejido.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tejido.ledger.merkle.ConsistencyVerifier;
import org.tejido.ledger.merkle.InclusionVerifier;
import org.tejido.ledger.merkle.MerkleHash;
import org.tejido.ledger.merkle.MerkleTree;

/** Hashes and proofs read through tiles agree with the whole-tree reference of the ledger. */
class TreeHashesTest {
    private static final int LEAVES = 66_000;
    private static final List<byte[]> HASHES = leafHashes(LEAVES);

    private final AtomicLong leavesRead = new AtomicLong();
    private final LevelCache cache = new LevelCache(1_000);
    private final TreeHashes tree = new TreeHashes(
            "test",
            (from, to) -> {
                leavesRead.addAndGet(to - from);
                return new ArrayList<>(HASHES.subList((int) from, (int) to));
            },
            cache);

    private static List<byte[]> leafHashes(int n) {
        List<byte[]> hashes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            hashes.add(MerkleHash.leaf(ByteBuffer.allocate(8).putLong(i).array()));
        }
        return hashes;
    }

    @Test
    void rootsAtSizesAroundTheTileBoundariesAreThoseOfTheWholeTree() {
        for (int size : new int[] {0, 1, 2, 3, 255, 256, 257, 511, 512, 513, 65_535, 65_536, 65_537, LEAVES}) {
            assertThat(tree.root(size)).as("size %d", size).isEqualTo(MerkleTree.root(HASHES.subList(0, size)));
        }
    }

    @Test
    void aLevelOneHashIsTheRootOfTheFullLevelZeroTileBelowIt() {
        List<byte[]> levelOne = tree.tile(TileAddress.tile(1, 0, 256));
        assertThat(levelOne).hasSize(256);
        for (int i : new int[] {0, 1, 128, 255}) {
            assertThat(levelOne.get(i)).isEqualTo(MerkleTree.root(HASHES.subList(i * 256, (i + 1) * 256)));
        }
        assertThat(tree.tile(TileAddress.tile(2, 0, 1)).get(0)).isEqualTo(MerkleTree.root(HASHES.subList(0, 65_536)));
        assertThat(tree.tile(TileAddress.tile(0, 3, 7))).containsExactlyElementsOf(HASHES.subList(768, 775));
    }

    @Test
    void proofsEqualTheReferenceAndVerify() throws Exception {
        for (int size : new int[] {1, 2, 7, 256, 257, 1_000, 65_536, LEAVES}) {
            byte[] root = MerkleTree.root(HASHES.subList(0, size));
            for (int index : new int[] {0, size / 3, size - 1}) {
                List<byte[]> proof = tree.inclusionProof(index, size);
                assertThat(proof)
                        .as("inclusion of %d in %d", index, size)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(HASHES.subList(0, size), index));
                InclusionVerifier.verify(index, size, HASHES.get(index), proof, root);
            }
            for (int old : new int[] {1, size / 2 + 1, size}) {
                if (old > size) {
                    continue;
                }
                List<byte[]> proof = tree.consistencyProof(old, size);
                assertThat(proof)
                        .as("consistency %d to %d", old, size)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(HASHES.subList(0, size), old));
                ConsistencyVerifier.verify(old, size, proof, MerkleTree.root(HASHES.subList(0, old)), root);
            }
        }
    }

    @Test
    void aProofReadsFewLeavesOnceTheUpperLevelsAreKnown() {
        tree.root(LEAVES);
        leavesRead.set(0);

        tree.inclusionProof(40_000, LEAVES);
        tree.consistencyProof(30_001, LEAVES);

        // Each proof element is folded from at most 256 hashes of one level.
        assertThat(leavesRead.get()).isLessThan(2L * 17 * 256);
        assertThat(cache.size()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void anEntryBundleIsEachEntryAfterItsBigEndianLength() {
        byte[] bundle = EntryBundle.encode(List.of(new byte[] {7}, new byte[300]));
        assertThat(bundle).hasSize(2 + 1 + 2 + 300);
        assertThat(bundle[0]).isEqualTo((byte) 0);
        assertThat(bundle[1]).isEqualTo((byte) 1);
        assertThat(bundle[2]).isEqualTo((byte) 7);
        assertThat(bundle[3]).isEqualTo((byte) 0x01);
        assertThat(bundle[4]).isEqualTo((byte) 0x2C);
    }
}
