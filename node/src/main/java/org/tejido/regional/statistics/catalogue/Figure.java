package org.tejido.regional.statistics.catalogue;

/**
 * What a release shows in one cell: a count, or that it is suppressed. Never the hidden count, nor
 * whether a cell was suppressed for itself (too few people: primary) or to protect another
 * (secondary): a "primary" mark would tell anyone that fewer than T people are behind the cell, which
 * the suppression is there to hide. The reasons and the attacker's intervals stay in the engine's
 * own output, which the aggregator's staff and an auditor get by running {@code DisclosureControl}
 * on the {@link CatalogueModel}'s inner cells and cells.
 */
public sealed interface Figure {
    Suppressed SUPPRESSED = new Suppressed();

    record Published(int value) implements Figure {}

    record Suppressed() implements Figure {}
}
