package org.tejido.regional.statistics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tejido.regional.statistics.store.OriginFreshness;

/** Each national log's state is a word the page says, never only a colour. */
class FreshnessLineTest {
    private static final Instant ACCEPTED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aLogIsCurrentStaleNeverSentOrFlaggedAndItsAgeIsSaidInItsUnit() {
        // given four logs: recent, old, silent, and one whose key signed two histories
        FreshnessLine current = FreshnessLine.of(origin(Optional.of(Duration.ofMinutes(7)), false, false));
        FreshnessLine stale = FreshnessLine.of(origin(Optional.of(Duration.ofHours(73)), true, false));
        FreshnessLine never = FreshnessLine.of(new OriginFreshness(
                "gt.example.org/GT/v1", Optional.empty(), Optional.empty(), Optional.empty(), true));
        FreshnessLine forked = FreshnessLine.of(origin(Optional.of(Duration.ofHours(3)), false, true));

        // then each says its state, and only the current one needs no attention
        assertThat(current.state()).isEqualTo("current");
        assertThat(current.attention()).isFalse();
        assertThat(current.ageKey()).isEqualTo("page.statistics.age.minutes");
        assertThat(current.ageAmount()).isEqualTo(7);
        assertThat(current.country()).isEqualTo("MX");
        assertThat(current.acceptedAt()).isEqualTo("2026-12-01 10:00 UTC");
        assertThat(stale.state()).isEqualTo("stale");
        assertThat(stale.attention()).isTrue();
        assertThat(stale.ageKey()).isEqualTo("page.statistics.age.days");
        assertThat(stale.ageAmount()).isEqualTo(3);
        assertThat(never.state()).isEqualTo("never");
        assertThat(never.entries()).isZero();
        // a fork outweighs freshness: the figures rest on a log in question
        assertThat(forked.state()).isEqualTo("forked");
        assertThat(forked.forkedAt()).isEqualTo("2026-12-01 11:00 UTC");
        assertThat(forked.ageKey()).isEqualTo("page.statistics.age.hours");
        assertThat(forked.ageAmount()).isEqualTo(3);
    }

    private static OriginFreshness origin(Optional<Duration> age, boolean stale, boolean forked) {
        return new OriginFreshness(
                "mx.example.org/MX/v1",
                Optional.of(new OriginFreshness.AcceptedCheckpoint(12, "ab".repeat(32), ACCEPTED)),
                age,
                forked ? Optional.of(ACCEPTED.plus(Duration.ofHours(1))) : Optional.empty(),
                stale);
    }
}
