package org.tejido.platform.projections;

/**
 * What a retry of parked events did: of the {@code sequences} retried (an aggregate's parked events, in
 * order), {@code handled} went through and were removed from the queue, {@code stillParked} failed again
 * and stay, with their new cause; {@code remaining}: events the processor still has parked.
 */
public record RetryOutcomeView(String processor, int sequences, int handled, int stillParked, long remaining) {}
