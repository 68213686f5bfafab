package org.tejido.national.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tejido.national.push.FederationStatus.State;

/** The verdict the federation page says in words: worst first, "behind" only past the threshold. */
class FederationStatusTest {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Duration BEHIND_AFTER = Duration.ofMinutes(10);

    static FederationStatus status(boolean configured, long lag, Instant oldestUnsent, String failure) {
        return new FederationStatus(
                configured, 100, 100, NOW, 100 - lag, NOW, true, true, lag, oldestUnsent, failure, null, NOW);
    }

    @Test
    void saysNotConfiguredFailingBehindSendingOrUpToDate() {
        assertThat(status(false, 5, NOW.minus(Duration.ofHours(1)), null).state(NOW, BEHIND_AFTER))
                .isEqualTo(State.NOT_CONFIGURED);
        assertThat(status(true, 0, null, "UNAVAILABLE").state(NOW, BEHIND_AFTER))
                .isEqualTo(State.FAILING);
        assertThat(status(true, 5, NOW.minus(Duration.ofMinutes(10)), null).state(NOW, BEHIND_AFTER))
                .isEqualTo(State.BEHIND);
        assertThat(status(true, 5, NOW.minus(Duration.ofMinutes(9)), null).state(NOW, BEHIND_AFTER))
                .isEqualTo(State.SENDING);
        assertThat(status(true, 0, null, null).state(NOW, BEHIND_AFTER)).isEqualTo(State.UP_TO_DATE);
    }
}
