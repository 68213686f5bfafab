package org.tejido.national.sharing;

import java.util.List;
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
 * defenders' codes, relationship and the node's own attack id never appear in any view; the codes and
 * the attack id leave only as keyed pseudonyms, which the node alone can compute.
 */
public final class Minimization {
    private Minimization() {}

    /**
     * @param pseudonymize turns the node's attack id into the case id other parties see
     * @param contributors names who the attack was against, by pseudonym
     * @return nothing for {@code none}
     */
    public static Optional<SharedAttack> minimize(
            AttackForSharing attack,
            SharingScope scope,
            UnaryOperator<String> pseudonymize,
            ContributorPseudonyms contributors) {
        return switch (scope) {
            case NONE -> Optional.empty();
            case STATISTICS -> Optional.of(statistics(attack, contributors));
            case CASE -> Optional.of(caseShare(attack, pseudonymize, contributors));
            case PUBLIC -> Optional.of(publicShare(attack, pseudonymize, contributors));
        };
    }

    static StatisticsShare statistics(AttackForSharing attack, ContributorPseudonyms contributors) {
        AttackFacts facts = attack.facts();
        Classification c = attack.classification();
        return new StatisticsShare(
                facts.location().country(),
                facts.location().subdivision(),
                month(facts.occurredOn()),
                facts.target().kind(),
                contributors(attack, contributors),
                c.aggressionTypes(),
                c.perpetrators().stream()
                        .map(p -> new PerpetratorShare(p.perpetrator(), p.involvement()))
                        .toList(),
                c.rightsDefended(),
                c.genderElements(),
                facts.verificationStatus());
    }

    static CaseShare caseShare(
            AttackForSharing attack, UnaryOperator<String> pseudonymize, ContributorPseudonyms contributors) {
        return new CaseShare(
                pseudonymize.apply(attack.attackId()),
                statistics(attack, contributors),
                attack.facts().occurredOn().toString(),
                attack.sharingSummary());
    }

    static PublicShare publicShare(
            AttackForSharing attack, UnaryOperator<String> pseudonymize, ContributorPseudonyms contributors) {
        return new PublicShare(
                caseShare(attack, pseudonymize, contributors), attack.publicName(), attack.publicSummary());
    }

    /**
     * One pseudonym per defender code of the target (a defender, a collective and an organization all
     * have one), sorted. An attack may name none (it is then shared only under a consent of its own,
     * ADR 0018), yet it was against someone: it then gets one pseudonym of its own, derived from the
     * attack id, which no other attack shares.
     */
    static List<String> contributors(AttackForSharing attack, ContributorPseudonyms contributors) {
        List<String> codes = attack.facts().target().defenders();
        if (codes.isEmpty()) {
            return List.of(contributors.ofAttack(attack.attackId()));
        }
        return codes.stream().map(contributors::ofDefender).distinct().sorted().toList();
    }

    /** The month, or the year when only the year is known: never the day. */
    static String month(PartialDate date) {
        return switch (date.precision()) {
            case YEAR -> String.format("%04d", date.year());
            case MONTH, DAY -> String.format("%04d-%02d", date.year(), date.month());
        };
    }
}
