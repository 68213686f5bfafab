package org.tejido.national.sharing;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.consent.SharingScope;

/**
 * Minimization at the source: one pure function per consent scope, each building its view field by
 * field from an explicit allow-list. This is the only way attack data leaves the national domain
 * (ArchitectureTest checks it). What is not copied here cannot leak: narrative, municipality, sources,
 * defenders' codes, relationship and the node's own attack id never appear in any view.
 */
public final class Minimization {
    private Minimization() {}

    /**
     * @param pseudonymize turns the node's attack id into the case id other parties see
     * @return nothing for {@code none}
     */
    public static Optional<SharedAttack> minimize(
            AttackForSharing attack, SharingScope scope, UnaryOperator<String> pseudonymize) {
        return switch (scope) {
            case NONE -> Optional.empty();
            case STATISTICS -> Optional.of(statistics(attack));
            case CASE -> Optional.of(caseShare(attack, pseudonymize));
            case PUBLIC -> Optional.of(publicShare(attack, pseudonymize));
        };
    }

    static StatisticsShare statistics(AttackForSharing attack) {
        AttackFacts facts = attack.facts();
        Classification c = attack.classification();
        return new StatisticsShare(
                facts.location().country(),
                facts.location().subdivision(),
                month(facts.occurredOn()),
                facts.target().kind(),
                c.aggressionTypes(),
                c.perpetrators().stream()
                        .map(p -> new PerpetratorShare(p.perpetrator(), p.involvement()))
                        .toList(),
                c.rightsDefended(),
                c.genderElements(),
                facts.verificationStatus());
    }

    static CaseShare caseShare(AttackForSharing attack, UnaryOperator<String> pseudonymize) {
        return new CaseShare(
                pseudonymize.apply(attack.attackId()),
                statistics(attack),
                attack.facts().occurredOn().toString(),
                attack.sharingSummary());
    }

    static PublicShare publicShare(AttackForSharing attack, UnaryOperator<String> pseudonymize) {
        return new PublicShare(caseShare(attack, pseudonymize), attack.publicName(), attack.publicSummary());
    }

    /** The month, or the year when only the year is known: never the day. */
    static String month(PartialDate date) {
        return switch (date.precision()) {
            case YEAR -> String.format("%04d", date.year());
            case MONTH, DAY -> String.format("%04d-%02d", date.year(), date.month());
        };
    }
}
