package org.tejido.platform.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an aggregate of a given type has been created, read from the event store in the caller's
 * transaction, so a command that refers to another aggregate sees it as soon as it is committed
 * (projections lag; the store does not).
 */
@Component
public class AggregateStreams {
    private final JdbcTemplate jdbc;

    AggregateStreams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String aggregateType, String aggregateId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ? AND type = ?)",
                Boolean.class,
                aggregateId,
                aggregateType));
    }
}
