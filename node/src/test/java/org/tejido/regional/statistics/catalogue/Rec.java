package org.tejido.regional.statistics.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.tejido.regional.statistics.StatisticsRecord;

/** Builds synthetic statistics records: Mexico, March 2026, a death threat, by default. */
final class Rec {
    private static final AtomicLong NEXT = new AtomicLong();

    private String country = "MX";
    private String period = "2026-03";
    private String scope = "statistics";
    private final TreeSet<String> types = new TreeSet<>(List.of("death-threat"));
    private final List<StatisticsRecord.Perpetrator> perpetrators = new ArrayList<>();
    private final TreeSet<String> rights = new TreeSet<>();
    private final TreeSet<String> elements = new TreeSet<>();
    private final TreeSet<String> contributors = new TreeSet<>();
    private Optional<String> publicName = Optional.empty();

    static Rec attack() {
        return new Rec();
    }

    Rec in(String country, String period) {
        this.country = country;
        this.period = period;
        return this;
    }

    Rec types(String... codes) {
        types.clear();
        types.addAll(List.of(codes));
        return this;
    }

    Rec perpetrators(String... codes) {
        for (String code : codes) {
            perpetrators.add(new StatisticsRecord.Perpetrator(code, "direct"));
        }
        return this;
    }

    Rec rights(String... codes) {
        rights.addAll(List.of(codes));
        return this;
    }

    Rec elements(String... codes) {
        elements.addAll(List.of(codes));
        return this;
    }

    Rec against(String... pseudonyms) {
        contributors.addAll(List.of(pseudonyms));
        return this;
    }

    Rec publicAs(String name) {
        scope = StatisticsRecord.PUBLIC;
        publicName = Optional.ofNullable(name);
        return this;
    }

    StatisticsRecord build() {
        long n = NEXT.incrementAndGet();
        TreeSet<String> who = contributors.isEmpty() ? new TreeSet<>(List.of("person-" + n)) : contributors;
        return new StatisticsRecord(
                "node.example.org/" + country + "/v1",
                String.format("%032x", n),
                n,
                scope,
                country,
                period,
                "individual",
                "verified",
                types,
                perpetrators,
                rights,
                elements,
                who,
                publicName);
    }

    /** n records like this one, each against a person of its own. */
    List<StatisticsRecord> times(int n) {
        List<StatisticsRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(build());
        }
        return out;
    }
}
