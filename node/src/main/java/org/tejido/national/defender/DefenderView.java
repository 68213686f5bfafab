package org.tejido.national.defender;

import java.time.Instant;

/**
 * A defender as the node's coordinators see her. {@code identity} is present only when asked for
 * (and logged); {@code erasedAt} is set once she has been forgotten.
 */
public record DefenderView(
        String code,
        String country,
        String subdivision,
        DefenderProfile profile,
        IdentifyingData identity,
        Instant erasedAt) {}
