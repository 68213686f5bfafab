package org.tejido.regional.statistics.dashboard;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.tejido.regional.statistics.store.OriginFreshness;

/**
 * One national log as the figures depend on it, said in words: what the aggregator last accepted from
 * it and how long ago, and whether it is stale or its key was caught signing two histories. A page
 * never says this by colour alone.
 *
 * @param country the country code the origin names ({@code mx.example.org/MX/v1} → {@code MX})
 * @param state {@code current}, {@code stale}, {@code never} (no checkpoint yet) or {@code forked}
 * @param ageKey the message key of the age's unit; {@code ageAmount} its number
 */
record FreshnessLine(
        String origin,
        String country,
        String state,
        long entries,
        String acceptedAt,
        String ageKey,
        long ageAmount,
        String forkedAt) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    static List<FreshnessLine> of(List<OriginFreshness> origins) {
        return origins.stream().map(FreshnessLine::of).toList();
    }

    static FreshnessLine of(OriginFreshness o) {
        String[] parts = o.origin().split("/");
        String country = parts.length >= 3 ? parts[parts.length - 2] : "";
        String state =
                o.equivocation() ? "forked" : o.checkpoint().isEmpty() ? "never" : o.stale() ? "stale" : "current";
        Duration age = o.age().orElse(Duration.ZERO);
        String ageKey;
        long amount;
        if (age.toHours() >= 48) {
            ageKey = "page.statistics.age.days";
            amount = age.toDays();
        } else if (age.toMinutes() >= 120) {
            ageKey = "page.statistics.age.hours";
            amount = age.toHours();
        } else {
            ageKey = "page.statistics.age.minutes";
            amount = age.toMinutes();
        }
        return new FreshnessLine(
                o.origin(),
                country,
                state,
                o.entriesStored(),
                o.checkpoint()
                        .map(c -> WHEN.format(c.acceptedAt().atOffset(ZoneOffset.UTC)))
                        .orElse(""),
                ageKey,
                amount,
                o.equivocationDetectedAt()
                        .map(t -> WHEN.format(t.atOffset(ZoneOffset.UTC)))
                        .orElse(""));
    }

    public boolean attention() {
        return !state.equals("current");
    }
}
