package org.tejido.national.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DataKeyStoreTest {

    @Test
    void keyIdsAreVersion7UuidsInCreationOrderAndUnique() throws Exception {
        List<UUID> ids = new ArrayList<>();
        long before = System.currentTimeMillis();
        for (int i = 0; i < 1000; i++) {
            ids.add(DataKeyStore.timeOrderedId());
            if (i == 500) {
                Thread.sleep(2);
            }
        }
        long after = System.currentTimeMillis();
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        for (UUID id : ids) {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            long millis = id.getMostSignificantBits() >>> 16;
            assertThat(millis).isBetween(before, after);
        }
        // Across milliseconds the ids sort in creation order (within one millisecond they are random).
        assertThat(ids.get(999).toString()).isGreaterThan(ids.get(0).toString());
    }
}
