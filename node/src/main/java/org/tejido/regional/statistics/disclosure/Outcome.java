package org.tejido.regional.statistics.disclosure;

import java.util.OptionalInt;

/** What becomes of one cell of a release. */
public sealed interface Outcome {
    /** Published as is. */
    record Published(int value) implements Outcome {}

    /**
     * Not published. {@code lower}..{@code upper} lies inside what an attacker can prove about its value
     * from everything published (an empty upper bound: nothing bounds it): the attacker cannot narrow
     * the cell below it. It is the attacker's exact interval where that had to be solved for, and was
     * checked against the parameters before release.
     */
    record Suppressed(int value, Reason reason, int lower, OptionalInt upper) implements Outcome {}

    enum Reason {
        /** Too few distinct non-public contributors. */
        PRIMARY,
        /** Suppressed so that a primary cell cannot be worked out from the others. */
        SECONDARY
    }
}
