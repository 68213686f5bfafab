package org.tejido.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeadPacerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> waits = new ArrayList<>();
    private final HeadPacer pacer = new HeadPacer(Duration.ofMillis(20), now::get, nanos -> {
        waits.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void givenAFirstFetch_whenFetching_thenItDoesNotWait() {
        pacer.beforeFetch();

        assertThat(waits).isEmpty();
    }

    @Test
    void givenAShortFetch_whenFetchingAgainAtOnce_thenItWaitsTheWholeInterval() {
        pacer.beforeFetch();
        pacer.afterFetch(3, 100);

        pacer.beforeFetch();

        assertThat(waits).containsExactly(Duration.ofMillis(20).toNanos());
    }

    @Test
    void givenAShortFetch_whenPartOfTheIntervalHasPassed_thenItWaitsOnlyTheRest() {
        pacer.afterFetch(0, 100);
        now.addAndGet(Duration.ofMillis(15).toNanos());

        pacer.beforeFetch();

        assertThat(waits).containsExactly(Duration.ofMillis(5).toNanos());
    }

    @Test
    void givenAShortFetch_whenTheIntervalHasPassed_thenItDoesNotWait() {
        pacer.afterFetch(99, 100);
        now.addAndGet(Duration.ofMillis(21).toNanos());

        pacer.beforeFetch();

        assertThat(waits).isEmpty();
    }

    @Test
    void givenAFullFetch_whenCatchingUp_thenTheNextFetchDoesNotWait() {
        pacer.afterFetch(3, 100);
        pacer.afterFetch(100, 100);

        pacer.beforeFetch();

        assertThat(waits).isEmpty();
    }

    @Test
    void givenAShortFetchOnAnotherThread_whenThisThreadFetches_thenItDoesNotWait() throws InterruptedException {
        Thread other = new Thread(() -> pacer.afterFetch(1, 100));
        other.start();
        other.join();

        pacer.beforeFetch();

        assertThat(waits).isEmpty();
    }

    @Test
    void givenANegativeInterval_whenCreating_thenItIsRefused() {
        assertThatThrownBy(() -> new HeadPacer(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
