package org.tejido.national.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void pausesDoubleUpToTheMaximumWithJitterAndStartOverAfterASuccess() {
        // given
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), new Random(42));

        // when / then: each pause lies between half and all of a ceiling 200, 400, 800, 1000, 1000
        long[] ceilings = {200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            assertThat(backoff.next().toMillis()).isBetween(ceiling / 2, ceiling);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(100L, 200L);
    }
}
