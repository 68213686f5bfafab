package org.tejido.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact range gives MerkleTree's roots (RFC 6962 MTH) at every size, and copies are independent. */
class CompactRangeTest {

    @Test
    void itsRootIsTheTreeRootAtEverySize() {
        Random random = new Random(6962);
        List<byte[]> leaves = new ArrayList<>();
        CompactRange range = new CompactRange();
        assertThat(range.root()).isEqualTo(MerkleHash.emptyRoot());
        for (int n = 1; n <= 600; n++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            byte[] leaf = MerkleHash.leaf(data);
            leaves.add(leaf);
            range.append(leaf);
            assertThat(range.size()).isEqualTo(n);
            assertThat(range.root()).as("size %d", n).isEqualTo(MerkleTree.root(leaves));
        }
    }

    @Test
    void aCopyGrowsWithoutChangingTheOriginal() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            leaves.add(MerkleHash.leaf(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        CompactRange original = CompactRange.of(leaves);
        byte[] before = original.root();

        CompactRange copy = original.copy();
        copy.append(MerkleHash.leaf(new byte[] {1}));

        assertThat(original.root()).isEqualTo(before);
        assertThat(original.size()).isEqualTo(13);
        assertThat(copy.size()).isEqualTo(14);
        assertThat(copy.root()).isNotEqualTo(before);
    }
}
