package org.tejido.national.consent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One consent as given: its scope, who gave it, on what basis, when, until when (optional), and for
 * the public scope, what exactly was made public.
 */
public record ConsentGrant(
        String scope,
        Grantor grantor,
        String basis,
        LocalDate grantedOn,
        Instant expiresAt,
        String publicName,
        String publicSummary) {

    public SharingScope sharingScope() {
        return SharingScope.fromCode(scope);
    }
}
