package org.tejido.national.sharing;

/** The case, plus exactly what the defender or her family agreed to make public. */
public record PublicShare(CaseShare caseShare, String publicName, String publicSummary) implements SharedAttack {
    @Override
    public String scope() {
        return "public";
    }
}
