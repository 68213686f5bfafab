package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a clock the test moves: window, lockout, per name and per address. */
class SignInThrottleTest {
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SignInThrottle throttle =
            new SignInThrottle(new SignInThrottle.Limits(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)), clock);

    @Test
    void theFifthFailureWithinTheWindowLocksTheNameForTheLockout() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ana", "10.0.0." + i);
        }
        assertThat(throttle.locked("ana", "10.0.1.1")).isFalse();
        throttle.failed("ana", "10.0.0.9");
        assertThat(throttle.locked("ana", "10.0.1.1")).isTrue();
        assertThat(throttle.locked("bea", "10.0.1.1")).isFalse();
        now = now.plus(Duration.ofMinutes(15)).minusSeconds(1);
        assertThat(throttle.locked("ana", "10.0.1.1")).isTrue();
        now = now.plusSeconds(1);
        assertThat(throttle.locked("ana", "10.0.1.1")).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        now = now.plus(Duration.ofMinutes(16));
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.locked("ana", "10.0.0.2")).isFalse();
    }

    @Test
    void attemptsDuringTheLockoutDoNotExtendIt() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        now = now.plus(Duration.ofMinutes(10));
        throttle.failed("ana", "10.0.0.1");
        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.locked("ana", "10.0.0.2")).isFalse();
    }

    @Test
    void oneAddressTryingManyNamesIsLockedAtItsOwnLimit() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("name-" + i, "10.0.0.1");
        }
        assertThat(throttle.locked("someone", "10.0.0.1")).isFalse();
        throttle.failed("name-19", "10.0.0.1");
        assertThat(throttle.locked("someone", "10.0.0.1")).isTrue();
        assertThat(throttle.locked("someone", "10.0.0.2")).isFalse();
    }

    @Test
    void aRightPasswordClearsTheNameButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        throttle.succeeded("ana");
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.locked("ana", "10.0.0.2")).isFalse();
        for (int i = 0; i < 15; i++) {
            throttle.failed("other-" + i, "10.0.0.1");
        }
        assertThat(throttle.locked("ana", "10.0.0.1"))
                .as("the address reached 20")
                .isTrue();
    }

    @Test
    void namesTooLongToExistShareOneCounter() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("x".repeat(65 + i), "10.0.0." + i);
        }
        assertThat(throttle.locked("y".repeat(100), "10.0.1.1")).isTrue();
        assertThat(throttle.locked("x".repeat(64), "10.0.1.1")).isFalse();
    }
}
