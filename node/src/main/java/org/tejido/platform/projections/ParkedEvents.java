package org.tejido.platform.projections;

import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.platform.axon.DeadLetteringProcessor;
import org.tejido.platform.problem.Rejection;

/**
 * The events the read models parked (Axon's JDBC dead-letter queue, table {@code deadletterentry}, ADR
 * 0027): listed from the table without reading the events themselves, retried through Axon (the
 * read model's handlers, in order within each aggregate), or dropped.
 */
@Component
class ParkedEvents {
    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);
    static final int LIST_LIMIT = 500;

    private static final String COLUMNS = "deadletteridentifier, processinggroup, sequenceidentifier, sequenceindex,"
            + " payloadtype, eventidentifier, timestamp, enqueuedat, lasttouched, causetype, causemessage";

    private final Projections projections;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    ParkedEvents(Projections projections, EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.projections = projections;
        this.processing = processing;
        this.jdbc = jdbc;
    }

    ParkedEventsView list(String name) {
        DeadLetteringProcessor processor = projections.deadLettering(name);
        List<ParkedEventView> parked = jdbc.query(
                "SELECT " + COLUMNS + " FROM deadletterentry WHERE processinggroup = ANY (?)"
                        + " ORDER BY enqueuedat::timestamptz, processinggroup, sequenceidentifier, sequenceindex"
                        + " LIMIT " + LIST_LIMIT,
                (rs, n) -> new ParkedEventView(
                        rs.getString(1),
                        name,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        simpleName(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11)),
                (Object) groups(processor));
        return new ParkedEventsView(name, projections.parked(name), parked);
    }

    /**
     * Retries the aggregate's parked events that this one belongs to, from the first of them: an event
     * is never handled before an earlier parked event of its aggregate.
     */
    RetryOutcomeView retry(String name, String id) {
        DeadLetteringProcessor processor = projections.deadLettering(name);
        return projections.exclusively(name, () -> {
            Map<String, Object> letter = find(processor, id);
            String group = (String) letter.get("processinggroup");
            String sequence = (String) letter.get("sequenceidentifier");
            boolean handled = retrySequence(group, sequence);
            return outcome(name, 1, handled ? 1 : 0);
        });
    }

    /** Retries every parked sequence once, oldest first within each read model. */
    RetryOutcomeView retryAll(String name) {
        DeadLetteringProcessor processor = projections.deadLettering(name);
        return projections.exclusively(name, () -> {
            int sequences = 0;
            int handled = 0;
            for (String group : processor.groups()) {
                List<String> parked = jdbc.queryForList(
                        "SELECT sequenceidentifier FROM deadletterentry WHERE processinggroup = ?"
                                + " GROUP BY sequenceidentifier ORDER BY min(enqueuedat::timestamptz)",
                        String.class,
                        group);
                for (String sequence : parked) {
                    sequences++;
                    if (retrySequence(group, sequence)) {
                        handled++;
                    }
                }
            }
            return outcome(name, sequences, handled);
        });
    }

    /**
     * Drops one parked event for good: its read model never gets it (until a replay, which handles every
     * event again). Later parked events of its aggregate stay parked.
     */
    void drop(String name, String id) {
        DeadLetteringProcessor processor = projections.deadLettering(name);
        projections.exclusively(name, () -> {
            Map<String, Object> letter = find(processor, id);
            jdbc.update("DELETE FROM deadletterentry WHERE deadletteridentifier = ?", id);
            log.warn(
                    "Dropped parked event {} ({}) of projection '{}': its read model will not have it until a replay",
                    letter.get("eventidentifier"),
                    simpleName((String) letter.get("payloadtype")),
                    letter.get("processinggroup"));
            return null;
        });
    }

    /** True when every parked event of the sequence went through and left the queue. */
    private boolean retrySequence(String group, String sequence) {
        SequencedDeadLetterProcessor<EventMessage<?>> deadLetters = processing
                .sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + group));
        deadLetters.process(letter ->
                letter instanceof JdbcDeadLetter<?> jdbcLetter && sequence.equals(jdbcLetter.getSequenceIdentifier()));
        Long left = jdbc.queryForObject(
                "SELECT count(*) FROM deadletterentry WHERE processinggroup = ? AND sequenceidentifier = ?",
                Long.class,
                group,
                sequence);
        return left != null && left == 0;
    }

    private RetryOutcomeView outcome(String name, int sequences, int handled) {
        return new RetryOutcomeView(name, sequences, handled, sequences - handled, projections.parked(name));
    }

    private Map<String, Object> find(DeadLetteringProcessor processor, String id) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT processinggroup, sequenceidentifier, eventidentifier, payloadtype FROM deadletterentry"
                        + " WHERE deadletteridentifier = ? AND processinggroup = ANY (?)",
                id,
                groups(processor));
        if (rows.isEmpty()) {
            throw Rejection.notFound("dead-letter.not-found", id, processor.name());
        }
        return rows.get(0);
    }

    private static String[] groups(DeadLetteringProcessor processor) {
        return processor.groups().toArray(String[]::new);
    }

    private static String simpleName(String type) {
        if (type == null) {
            return null;
        }
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1);
    }
}
