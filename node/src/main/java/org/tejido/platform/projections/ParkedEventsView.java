package org.tejido.platform.projections;

import java.util.List;

/** The events a processor's read models parked, oldest first: {@code total} of them, at most 500 listed. */
public record ParkedEventsView(String processor, long total, List<ParkedEventView> parked) {}
