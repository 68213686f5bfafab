package org.tejido.national.consent;

import java.time.Clock;
import java.time.LocalDate;
import org.tejido.national.attack.AttackDirectory;
import org.tejido.national.defender.DefenderDirectory;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.problem.TextFields;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Vocabulary;

/** What makes a consent acceptable: a known subject, known codes, sensible dates and sizes. */
public class ConsentRules {
    static final int MAX_TEXT = 300;
    static final int MAX_PUBLIC_SUMMARY = 2_000;

    private final Vocabulary vocabulary;
    private final DefenderDirectory defenders;
    private final AttackDirectory attacks;
    private final Clock clock;

    public ConsentRules(Vocabulary vocabulary, DefenderDirectory defenders, AttackDirectory attacks, Clock clock) {
        this.vocabulary = vocabulary;
        this.defenders = defenders;
        this.attacks = attacks;
        this.clock = clock;
    }

    /** Public so that a page checks a consent before previewing it, with the command's own rules. */
    public void checkGrant(GrantConsentCommand command) {
        ConsentSubject subject = command.subject();
        if (subject == null || !command.consentId().equals(subject.consentId())) {
            throw Rejection.invalid("consent.subject-mismatch");
        }
        boolean known = switch (subject.kind()) {
            case ConsentSubject.DEFENDER -> defenders.isRegistered(subject.id());
            case ConsentSubject.ATTACK -> attacks.isRecorded(subject.id());
            default -> false;
        };
        if (!known) {
            throw Rejection.notFound("consent.subject-not-found", subject.kind(), subject.id());
        }
        ConsentGrant grant = command.grant();
        if (grant == null) {
            throw Rejection.invalid("field.required", "grant");
        }
        vocabulary.requireActive(SchemeName.CONSENT_SCOPE, grant.scope());
        vocabulary.requireActive(SchemeName.CONSENT_BASIS, grant.basis());
        if (grant.grantor() == null) {
            throw Rejection.invalid("field.required", "grantor");
        }
        vocabulary.requireActive(SchemeName.GRANTOR_KIND, grant.grantor().kind());
        if ("representative".equals(grant.grantor().kind())
                && blank(grant.grantor().name())) {
            throw Rejection.invalid("field.required", "grantor.name");
        }
        tooLong("grantor.name", grant.grantor().name(), MAX_TEXT);
        if (grant.grantedOn() == null) {
            throw Rejection.invalid("field.required", "grantedOn");
        }
        if (grant.grantedOn().isAfter(LocalDate.now(clock))) {
            throw Rejection.invalid("date.future", grant.grantedOn().toString());
        }
        if (grant.expiresAt() != null && !grant.expiresAt().isAfter(clock.instant())) {
            throw Rejection.invalid("consent.expiry-in-past", grant.expiresAt().toString());
        }
        boolean isPublic = grant.sharingScope() == SharingScope.PUBLIC;
        if (!isPublic && (grant.publicName() != null || grant.publicSummary() != null)) {
            throw Rejection.invalid("consent.public-details-need-public-scope");
        }
        tooLong("publicName", grant.publicName(), MAX_TEXT);
        tooLong("publicSummary", grant.publicSummary(), MAX_PUBLIC_SUMMARY);
    }

    boolean hasExpired(java.time.Instant expiresAt) {
        return expiresAt != null && !expiresAt.isAfter(clock.instant());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void tooLong(String field, String value, int max) {
        TextFields.requireStorable(field, value);
        if (value != null && value.length() > max) {
            throw Rejection.invalid("field.too-long", field, String.valueOf(max));
        }
    }
}
