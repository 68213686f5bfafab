package org.tejido.platform.axon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    /** Whether the aggregate's stream holds an event of this payload type (fully qualified name). */
    public boolean hasEvent(String aggregateId, String payloadType) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?)",
                Boolean.class,
                aggregateId,
                payloadType));
    }

    /**
     * Aggregates whose events of the given payload types mention {@code quotedValue} (a JSON string
     * literal, quotes included) in their payload. A scan of the store: for rare operations (erasure).
     */
    public List<String> aggregatesMentioning(List<String> payloadTypes, String quotedValue) {
        String placeholders = String.join(", ", Collections.nCopies(payloadTypes.size(), "?"));
        List<Object> args = new ArrayList<>(payloadTypes);
        args.add("%" + quotedValue.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        return jdbc.queryForList(
                "SELECT DISTINCT aggregateidentifier FROM domainevententry WHERE payloadtype IN (" + placeholders
                        + ") AND convert_from(payload, 'UTF8') LIKE ? ORDER BY aggregateidentifier",
                String.class,
                args.toArray());
    }

    /** The payloads (serialized events) of the given types in one aggregate's stream, in order. */
    public List<byte[]> payloads(String aggregateId, List<String> payloadTypes) {
        String placeholders = String.join(", ", Collections.nCopies(payloadTypes.size(), "?"));
        List<Object> args = new ArrayList<>();
        args.add(aggregateId);
        args.addAll(payloadTypes);
        return jdbc.query(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype IN (" + placeholders
                        + ") ORDER BY sequencenumber",
                (rs, n) -> rs.getBytes(1),
                args.toArray());
    }
}
