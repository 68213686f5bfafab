package org.tejido.national.sharing;

import java.util.List;

/**
 * Enough to be counted and nothing more: codes, country, subdivision, month (or year when only the
 * year is known), target kind, gender-based elements.
 */
public record StatisticsShare(
        String country,
        String subdivision,
        String period,
        String targetKind,
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
