package org.tejido.national.defender;

import java.util.regex.Pattern;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.problem.TextFields;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Vocabulary;

/** What makes a defender's record acceptable. */
public class DefenderRules {
    /** Country prefix, then letters, digits and dashes: pseudonymous, short, safe in a URL. */
    private static final Pattern CODE = Pattern.compile("[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,38}");

    static final int MAX_TEXT = 300;
    static final int MAX_CONTACTS = 10;

    private final Vocabulary vocabulary;

    public DefenderRules(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    void checkCode(String code, String country) {
        requireCountry(country);
        if (code == null || !CODE.matcher(code).matches()) {
            throw Rejection.invalid("defender.code-malformed", String.valueOf(code));
        }
        if (!code.startsWith(country + "-")) {
            throw Rejection.invalid("defender.code-country-mismatch", code, country);
        }
    }

    void checkPlaceAndProfile(String country, String subdivision, DefenderProfile profile) {
        requireCountry(country);
        vocabulary.requireActive(SchemeName.COUNTRY, country);
        if (subdivision != null
                && !country.equals(vocabulary
                        .requireActive(SchemeName.SUBDIVISION, subdivision)
                        .group())) {
            throw Rejection.invalid("location.subdivision-outside-country", subdivision, country);
        }
        if (profile == null) {
            throw Rejection.invalid("field.required", "profile");
        }
        vocabulary.requireActive(SchemeName.DEFENDER_KIND, profile.kind());
        vocabulary.requireAllActive(SchemeName.RIGHT_DEFENDED, profile.rightsDefended());
    }

    void checkIdentity(IdentifyingData identity) {
        if (identity == null
                || identity.fullName() == null
                || identity.fullName().isBlank()) {
            throw Rejection.invalid("field.required", "identity.fullName");
        }
        tooLong("identity.fullName", identity.fullName());
        tooLong("identity.exactAddress", identity.exactAddress());
        if (identity.contacts().size() > MAX_CONTACTS) {
            throw Rejection.invalid("field.too-many", "identity.contacts", String.valueOf(MAX_CONTACTS));
        }
        identity.contacts().forEach(c -> tooLong("identity.contacts", c));
    }

    void checkReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw Rejection.invalid("field.required", "reason");
        }
        tooLong("reason", reason);
    }

    private static void requireCountry(String country) {
        if (country == null) {
            throw Rejection.invalid("field.required", "country");
        }
    }

    private static void tooLong(String field, String value) {
        TextFields.requireStorable(field, value);
        if (value != null && value.length() > MAX_TEXT) {
            throw Rejection.invalid("field.too-long", field, String.valueOf(MAX_TEXT));
        }
    }
}
