package org.tejido.platform.axon;

import java.util.List;

/**
 * A processor whose events, when one of its handlers fails on them, are parked in Axon's dead-letter
 * queue (table {@code deadletterentry}) with the cause of the failure, while the processor goes on with
 * the events after them (ADR 0027). Each of its processing groups has a queue of its own: an event is
 * parked only for the read model that failed on it.
 *
 * <p>Only for rebuildable read models. A processor whose effects must follow the order of the events for
 * good (the federation log) or must never be skipped (revocations after an erasure) stops on a failing
 * event instead.
 *
 * @param name   the processor's name ({@code /api/admin/projections/{name}})
 * @param groups the processing groups it runs, each with its own dead-letter queue
 */
public record DeadLetteringProcessor(String name, List<String> groups) {
    public DeadLetteringProcessor {
        groups = List.copyOf(groups);
    }
}
