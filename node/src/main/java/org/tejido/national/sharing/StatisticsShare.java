package org.tejido.national.sharing;

import java.util.List;

/**
 * Enough to be counted and nothing more: codes, country, subdivision, month (or year when only the
 * year is known), target kind, gender-based elements, and who it is about as pseudonyms only.
 *
 * @param contributors one pseudonym per defender code the attack names ({@link ContributorPseudonyms}),
 *     or one for the attack itself when it names none; distinct and sorted, so that the same people
 *     always give the same bytes
 */
public record StatisticsShare(
        String country,
        String subdivision,
        String period,
        String targetKind,
        List<String> contributors,
        List<String> aggressionTypes,
        List<PerpetratorShare> perpetrators,
        List<String> rightsDefended,
        List<String> genderElements,
        String verificationStatus)
        implements SharedAttack {
    @Override
    public String scope() {
        return "statistics";
    }
}
