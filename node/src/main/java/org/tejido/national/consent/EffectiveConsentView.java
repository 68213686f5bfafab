package org.tejido.national.consent;

/**
 * @param source {@code attack} (its own consent), {@code defenders} (the most restrictive of theirs)
 *     or {@code default} (nobody consented: none)
 * @param publicName what was made public, only when the scope is public
 */
public record EffectiveConsentView(
        String attackId, String scope, String source, String publicName, String publicSummary) {

    public SharingScope sharingScope() {
        return SharingScope.fromCode(scope);
    }
}
