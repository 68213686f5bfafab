package org.tejido.regional.statistics.dashboard;

import org.tejido.regional.statistics.catalogue.Figure;

/**
 * A headline count of the selection and the same count for the year before, each from its own
 * protected release; the change is said only when both are published.
 */
record Headline(String labelKey, Figure current, Figure previous) {
    public boolean suppressed() {
        return current instanceof Figure.Suppressed;
    }

    public int value() {
        return ((Figure.Published) current).value();
    }

    /** {@code up}, {@code down}, {@code same}, or {@code unknown} when either figure is suppressed. */
    public String change() {
        if (!(current instanceof Figure.Published now) || !(previous instanceof Figure.Published before)) {
            return "unknown";
        }
        return now.value() > before.value() ? "up" : now.value() < before.value() ? "down" : "same";
    }

    public int previousValue() {
        return ((Figure.Published) previous).value();
    }

    /** How many more or fewer than the year before; only asked when {@link #change()} is up or down. */
    public int difference() {
        return Math.abs(value() - previousValue());
    }

    /** The change in whole percent of the year before; -1 when the year before had none. */
    public long percent() {
        int before = previousValue();
        return before == 0 ? -1 : Math.round(difference() * 100.0 / before);
    }
}
