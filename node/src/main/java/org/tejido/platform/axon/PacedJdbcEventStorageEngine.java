package org.tejido.platform.axon;

import java.util.List;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event store, except that a reader at the head of the store fetches at most once per
 * tailing interval ({@link HeadPacer}).
 *
 * <p>Why: the embedded event store's reader fetches again as soon as any command commits, so at a few
 * thousand commands per second it ran about 860 queries a second, most of them returning a handful of
 * events or none (an empty fetch costs a second query, for gaps), and every fetch woke each event
 * processor for a transaction of its own. On two cores those round trips to PostgreSQL cost more than
 * the read models' writes (ADR 0017). Waiting after a short fetch lets the next one bring the events
 * of the whole interval at once, handled by each processor in one transaction.
 */
final class PacedJdbcEventStorageEngine extends JdbcEventStorageEngine {
    private final HeadPacer pacer;

    PacedJdbcEventStorageEngine(Builder builder, HeadPacer pacer) {
        super(builder);
        this.pacer = pacer;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        pacer.beforeFetch();
        List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
        pacer.afterFetch(events.size(), batchSize);
        return events;
    }
}
