package org.tejido.regional.statistics;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One shared record as the statistics count it: the codes of the latest content an origin shared about
 * it, who it is about (pseudonyms, never codes or names), and its scope. Built from the content the
 * aggregator stored; it holds nothing that content does not.
 *
 * @param origin the log it came from, e.g. {@code mx.example.org/MX/v1}
 * @param targetId the record's target id in that log (32 hex characters)
 * @param index the log index of the entry whose content this is (the latest shared or amended one)
 * @param scope {@code statistics}, {@code case} or {@code public}
 * @param period {@code YYYY-MM}, or {@code YYYY} when the node knew only the year
 * @param contributors the pseudonyms of the people, collectives or organizations the attack was
 *     against, as the node wrote them (payload version 2); for content of version 1, which carries
 *     none, the single pseudonym {@code v1:<origin>}: every such record of an origin is taken to be
 *     about one and the same person, the worst case, so that they can never make a cell look safe
 * @param publicName what the defender or her family made public, for {@code public} scope only
 */
public record StatisticsRecord(
        String origin,
        String targetId,
        long index,
        String scope,
        String country,
        String period,
        String targetKind,
        String verificationStatus,
        SortedSet<String> aggressionTypes,
        List<Perpetrator> perpetrators,
        SortedSet<String> rightsDefended,
        SortedSet<String> genderElements,
        SortedSet<String> contributors,
        Optional<String> publicName) {

    /** A perpetrator code with how it was involved ({@code direct}, {@code acquiescence}, ...). */
    public record Perpetrator(String perpetrator, String involvement) {
        public Perpetrator {
            Objects.requireNonNull(perpetrator, "perpetrator");
            Objects.requireNonNull(involvement, "involvement");
        }
    }

    public static final String PUBLIC = "public";

    public StatisticsRecord {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(period, "period");
        aggressionTypes = frozen(aggressionTypes);
        perpetrators = List.copyOf(perpetrators);
        rightsDefended = frozen(rightsDefended);
        genderElements = frozen(genderElements);
        contributors = frozen(contributors);
        if (contributors.isEmpty()) {
            throw new IllegalArgumentException("a record is about someone: no contributor in " + targetId);
        }
        Objects.requireNonNull(publicName, "publicName");
    }

    /** Known to anyone: it may be listed by its public name, so it never makes a cell sensitive. */
    public boolean isPublic() {
        return PUBLIC.equals(scope);
    }

    /** The year, {@code YYYY}. */
    public String year() {
        return period.substring(0, 4);
    }

    /** {@code YYYY-Qn}, or empty when only the year is known. */
    public Optional<String> quarter() {
        if (period.length() < 7) {
            return Optional.empty();
        }
        int month = Integer.parseInt(period.substring(5, 7));
        return Optional.of(year() + "-Q" + ((month - 1) / 3 + 1));
    }

    /** {@code YYYY-MM}, or empty when only the year is known. */
    public Optional<String> month() {
        return period.length() < 7 ? Optional.empty() : Optional.of(period);
    }

    private static SortedSet<String> frozen(SortedSet<String> codes) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(codes));
    }
}
