package org.tejido.regional.statistics.disclosure;

/**
 * The tables cannot be protected as asked: some suppressed cell's interval stays too narrow whatever
 * else is suppressed. Nothing is published.
 */
public final class UnprotectableRelease extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String cellId;

    UnprotectableRelease(String cellId, String why) {
        super("cell " + cellId + ": " + why);
        this.cellId = cellId;
    }

    /** The cell (identifier only, never a value) that could not be protected. */
    public String cellId() {
        return cellId;
    }
}
