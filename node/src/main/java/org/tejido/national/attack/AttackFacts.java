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

    /** The same facts with the personal data taken out: what events and projections hold in clear. */
    public AttackFacts withoutPersonalData() {
        Location place = location == null ? null : new Location(location.country(), location.subdivision(), null);
        return new AttackFacts(target, occurredOn, place, sources, verificationStatus, null);
    }

    public AttackPersonalData personalData() {
        return new AttackPersonalData(location == null ? null : location.municipality(), narrative);
    }

    public AttackFacts withPersonalData(AttackPersonalData personal) {
        Location place = location == null
                ? null
                : new Location(location.country(), location.subdivision(), personal.municipality());
        return new AttackFacts(target, occurredOn, place, sources, verificationStatus, personal.narrative());
    }
}
