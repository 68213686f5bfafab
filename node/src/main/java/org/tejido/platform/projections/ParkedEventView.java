package org.tejido.platform.projections;

/**
 * One event a read model failed on and set aside, as an admin sees it: where it is parked, which event
 * (its type, identifier and time) and why (the failure's class and, for a database error, its SQLSTATE
 * and constraint). Never the event's content nor the failure's message: either may hold personal data.
 *
 * @param id            the dead letter's identifier (for retry and drop)
 * @param group         the read model (processing group) that failed on it
 * @param sequenceId    the aggregate the event belongs to (an attack's UUID, a defender's pseudonymous code,
 *                      a follow-up's UUID...): later events of that aggregate are parked behind it
 * @param sequenceIndex its place in that sequence of parked events (0 is retried first)
 */
public record ParkedEventView(
        String id,
        String processor,
        String group,
        String sequenceId,
        long sequenceIndex,
        String eventType,
        String eventId,
        String eventTime,
        String parkedAt,
        String lastTriedAt,
        String causeType,
        String causeCode) {}
