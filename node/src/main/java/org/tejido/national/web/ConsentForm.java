package org.tejido.national.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.tejido.national.attack.AttackRules;
import org.tejido.national.cases.CaseReader;
import org.tejido.national.consent.ConsentGrant;
import org.tejido.national.consent.ConsentRules;
import org.tejido.national.consent.ConsentSubject;
import org.tejido.national.consent.GrantConsentCommand;
import org.tejido.national.consent.Grantor;
import org.tejido.platform.problem.Rejection;

/**
 * The consent form read into the {@link ConsentGrant} PUT /api/.../consent takes, and checked with the
 * rules its command handler applies ({@link ConsentRules}; {@link AttackRules} for an attack's sharing
 * summary): the page only reads dates and fields, the rules are the command's.
 */
@Component
class ConsentForm {
    private final ConsentRules consentRules;
    private final AttackRules attackRules;
    private final CaseReader cases;

    ConsentForm(ConsentRules consentRules, AttackRules attackRules, CaseReader cases) {
        this.consentRules = consentRules;
        this.attackRules = attackRules;
        this.cases = cases;
    }

    /**
     * The consent the form describes, checked by the rules the command handler applies; refusals go
     * into {@code errors} (field -> sentence), and then the grant returned is not to be sent.
     */
    ConsentGrant check(ConsentSubject subject, MultiValueMap<String, String> form, Map<String, String> errors) {
        LocalDate grantedOn = date(form, "grantedOn", errors);
        LocalDate expiresOn = date(form, "expiresOn", errors);
        String grantorKind = DefendersPage.one(form, "grantorKind");
        ConsentGrant grant = new ConsentGrant(
                DefendersPage.one(form, "scope"),
                grantorKind == null ? null : new Grantor(grantorKind, DefendersPage.one(form, "grantorName")),
                DefendersPage.one(form, "basis"),
                grantedOn,
                // The last day it holds, to the end of that day (UTC): it expires when the next begins.
                expiresOn == null
                        ? null
                        : expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                DefendersPage.one(form, "publicName"),
                DefendersPage.one(form, "publicSummary"));
        // What is missing is said all at once; the rules below stop at their first refusal.
        for (String required : java.util.List.of("scope", "basis", "grantorKind")) {
            if (DefendersPage.one(form, required) == null) {
                errors.putIfAbsent(required, "page.consent.error.field.required");
            }
        }
        if (grantedOn == null && !errors.containsKey("grantedOn")) {
            errors.put("grantedOn", "page.consent.error.field.required");
        }
        if (errors.isEmpty()) {
            try {
                consentRules.checkGrant(new GrantConsentCommand(subject, grant));
            } catch (RuntimeException e) {
                Rejection refused = refusal(e);
                errors.put(field(refused), PageRefusals.message("page.consent.error.", refused, WORDED));
            }
        }
        String summary = summary(subject, form);
        if (ConsentSubject.ATTACK.equals(subject.kind()) && summary != null) {
            try {
                attackRules.checkSharingSummary(summary);
            } catch (RuntimeException e) {
                Rejection refused = refusal(e);
                errors.putIfAbsent("sharingSummary", PageRefusals.message("page.consent.error.", refused, WORDED));
            }
        }
        return grant;
    }

    /** The sharing summary to write: the one typed for an attack when it differs from its own, else none. */
    String summary(ConsentSubject subject, MultiValueMap<String, String> form) {
        String typed = DefendersPage.one(form, "sharingSummary");
        if (!ConsentSubject.ATTACK.equals(subject.kind()) || typed == null) {
            return null;
        }
        return Objects.equals(typed.strip(), cases.withheld(subject.id()).sharingSummary()) ? null : typed;
    }

    private static LocalDate date(MultiValueMap<String, String> form, String field, Map<String, String> errors) {
        String typed = DefendersPage.one(form, field);
        if (typed == null) {
            return null;
        }
        try {
            return LocalDate.parse(typed.strip());
        } catch (DateTimeParseException unreadable) {
            errors.put(field, "page.consent.error.date");
            return null;
        }
    }

    static String field(Rejection refused) {
        String about = PageRefusals.about(refused);
        return switch (refused.code()) {
            case "consent.expiry-in-past" -> "expiresOn";
            case "consent.public-details-need-public-scope" -> "publicName";
            case "date.future" -> "grantedOn";
            case "vocabulary.unknown-code", "vocabulary.retired-code" ->
                switch (about) {
                    case "consent-scope" -> "scope";
                    case "consent-basis" -> "basis";
                    case "grantor-kind" -> "grantorKind";
                    default -> "form";
                };
            case "field.required", "field.too-long", "field.nul-character" ->
                switch (about) {
                    case "grantor", "grantor.kind" -> "grantorKind";
                    case "grantor.name" -> "grantorName";
                    case "grantedOn" -> "grantedOn";
                    case "publicName" -> "publicName";
                    case "publicSummary" -> "publicSummary";
                    case "summary" -> "sharingSummary";
                    default -> "form";
                };
            default -> "form";
        };
    }

    static final Set<String> WORDED = Set.of(
            "consent.expiry-in-past",
            "consent.public-details-need-public-scope",
            "consent.subject-not-found",
            "consent.not-active",
            "record.not-found",
            "date.future",
            "vocabulary.unknown-code",
            "vocabulary.retired-code",
            "field.required",
            "field.too-long",
            "field.nul-character");

    /** A refusal as a Rejection; anything else is a fault, thrown on. */
    static Rejection refusal(RuntimeException e) {
        Rejection refused = PageRefusals.of(e);
        if (refused == null) {
            throw e;
        }
        return refused;
    }
}
