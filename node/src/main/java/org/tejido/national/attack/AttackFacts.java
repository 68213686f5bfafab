package org.tejido.national.attack;

import java.util.List;

/**
 * What is known about an attack apart from its classification: when, where, against whom, from which
 * sources, how far it is verified, and the narrative (identifying: never leaves the node).
 */
public record AttackFacts(
        Target target,
        PartialDate occurredOn,
        Location location,
        List<Source> sources,
        String verificationStatus,
        String narrative) {
    public AttackFacts {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
