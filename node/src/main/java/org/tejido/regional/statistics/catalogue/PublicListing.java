package org.tejido.regional.statistics.catalogue;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A record of {@code public} scope as a release may list it: what the defender or her family made
 * public, and the codes that place it in the tables. Nothing else of the record (no origin, target id
 * or contributors).
 *
 * @param publicName absent when the record carried none; it is listed, and counted as public, anyway
 */
public record PublicListing(Optional<String> publicName, String country, String period, List<String> aggressionTypes) {
    /** Listing order: country, period, name, types; total, so that the release does not depend on input order. */
    static final Comparator<PublicListing> ORDER = Comparator.comparing(PublicListing::country)
            .thenComparing(PublicListing::period)
            .thenComparing(l -> l.publicName().orElse(""))
            .thenComparing(l -> String.join("+", l.aggressionTypes()));

    public PublicListing {
        Objects.requireNonNull(publicName, "publicName");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(period, "period");
        aggressionTypes = List.copyOf(aggressionTypes);
    }
}
