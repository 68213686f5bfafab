package org.tejido.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per user name and per client address: after {@code maxPerName} failures for
 * one name, or {@code maxPerAddress} from one address, within {@code window}, that name or address is
 * refused for {@code lockout} without the password being checked, so guessing gains nothing while it
 * lasts. Names that exist and names that do not are counted alike, and a locked name gets the same
 * answer either way. The address limit is the higher one because an office shares one address.
 *
 * <p>Kept in memory: a restart forgets it, which an attacker cannot cause from outside. Entries with
 * nothing recent are swept when there are many, so a flood of invented names cannot grow it forever.
 */
final class SignInThrottle {
    /** A name longer than any user's (64) cannot exist: all such names share one counter. */
    private static final String TOO_LONG = "\u0000too-long";

    private static final int SWEEP_ABOVE = 10_000;

    record Limits(int maxPerName, int maxPerAddress, Duration window, Duration lockout) {}

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Failures> byName = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    SignInThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** True while the name or the address is locked out. */
    boolean locked(String name, String address) {
        Instant now = clock.instant();
        return locked(byName.get(nameKey(name)), now) || locked(byAddress.get(String.valueOf(address)), now);
    }

    void failed(String name, String address) {
        Instant now = clock.instant();
        record(byName, nameKey(name), limits.maxPerName(), now);
        record(byAddress, String.valueOf(address), limits.maxPerAddress(), now);
    }

    /** A right password clears the name's count; the address keeps its own (it may be guessing others). */
    void succeeded(String name) {
        byName.remove(nameKey(name));
    }

    private static boolean locked(Failures failures, Instant now) {
        if (failures == null) {
            return false;
        }
        synchronized (failures) {
            return failures.lockedUntil != null && now.isBefore(failures.lockedUntil);
        }
    }

    private void record(Map<String, Failures> counters, String key, int max, Instant now) {
        if (counters.size() > SWEEP_ABOVE) {
            counters.values().removeIf(f -> f.idle(now, limits.window()));
        }
        Failures failures = counters.computeIfAbsent(key, k -> new Failures());
        synchronized (failures) {
            if (failures.lockedUntil != null && now.isBefore(failures.lockedUntil)) {
                return; // refused without a check: not a new failure
            }
            failures.lockedUntil = null;
            failures.prune(now, limits.window());
            failures.times.addLast(now);
            if (failures.times.size() >= max) {
                failures.lockedUntil = now.plus(limits.lockout());
                failures.times.clear();
            }
        }
    }

    private static String nameKey(String name) {
        return name == null || name.length() > 64 ? TOO_LONG : name;
    }

    private static final class Failures {
        final Deque<Instant> times = new ArrayDeque<>();
        Instant lockedUntil;

        void prune(Instant now, Duration window) {
            Instant since = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.removeFirst();
            }
        }

        synchronized boolean idle(Instant now, Duration window) {
            prune(now, window);
            return times.isEmpty() && (lockedUntil == null || !now.isBefore(lockedUntil));
        }
    }
}
