package org.tejido.platform.projections;

/**
 * Where a projection stands: the global index it has processed up to, the head of the event store,
 * and whether it is replaying. {@code lag} is head minus position (0 when caught up). {@code parked}:
 * events it failed on and set aside to go on ({@code /api/admin/projections/{name}/dead-letters}); always
 * 0 for a projection that stops on a failing event instead.
 */
public record ProjectionStatusView(
        String name,
        boolean running,
        boolean replaying,
        boolean error,
        long position,
        long head,
        long lag,
        long parked) {}
