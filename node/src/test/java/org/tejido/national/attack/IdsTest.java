package org.tejido.national.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
    @Test
    void acceptsTheCanonicalLowercaseFormOfAnyUuid() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(Ids.isUuid(UUID.randomUUID().toString())).isTrue();
        }
        assertThat(Ids.isUuid("00000000-0000-0000-0000-000000000000")).isTrue();
        assertThat(Ids.isUuid("ffffffff-ffff-ffff-ffff-ffffffffffff")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
                "3f2504e0-4f89-11d3-9a0c-0305e82c330",
                "3f2504e0-4f89-11d3-9a0c-0305e82c33011",
                "3f2504e04f89-11d3-9a0c-0305e82c3301-",
                "3f2504e0-4f89-11d3-9a0c_0305e82c3301",
                "3f2504e0-4f89-11d3-9a0g-0305e82c3301",
                "{3f2504e0-4f89-11d3-9a0c-0305e82c33}",
                // Non-ASCII digits, which Character.isDigit would take for digits.
                "3f2504e0-4f89-11d3-9a0c-0305e82c330\u0661",
                "3f2504e0-4f89-11d3-9a0c-0305e82c330\uff10"
            })
    void refusesAnythingElse(String id) {
        assertThat(Ids.isUuid(id)).isFalse();
    }

    @Test
    void refusesNothing() {
        assertThat(Ids.isUuid(null)).isFalse();
    }
}
