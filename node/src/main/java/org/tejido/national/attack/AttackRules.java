package org.tejido.national.attack;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tejido.national.defender.DefenderDirectory;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.problem.TextFields;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Vocabulary;

/**
 * What makes an attack's record acceptable, whichever way it arrives (HTTP, CSV import): known codes,
 * a possible date that is not in the future, a subdivision inside its country, registered defenders,
 * bounded sizes.
 */
public class AttackRules {
    static final int MAX_NARRATIVE = 20_000;
    static final int MAX_SHORT_TEXT = 200;
    static final int MAX_SHARING_SUMMARY = 2_000;
    static final int MAX_LIST = 50;

    private final Vocabulary vocabulary;
    private final DefenderDirectory defenders;
    private final Clock clock;

    public AttackRules(Vocabulary vocabulary, DefenderDirectory defenders, Clock clock) {
        this.vocabulary = vocabulary;
        this.defenders = defenders;
        this.clock = clock;
    }

    void checkId(String attackId) {
        if (!Ids.isUuid(attackId)) {
            throw Rejection.invalid("attack.id-malformed", String.valueOf(attackId));
        }
    }

    public void checkReason(String reason) {
        required("reason", reason);
        maxLength("reason", reason, MAX_SHORT_TEXT);
    }

    /** Public so that a page checks a summary before previewing it, with the command's own rules. */
    public void checkSharingSummary(String summary) {
        required("summary", summary);
        maxLength("summary", summary, MAX_SHARING_SUMMARY);
    }

    public void check(AttackFacts facts) {
        required("facts", facts);
        checkTarget(facts.target());
        checkDate(facts.occurredOn());
        checkLocation(facts.location());
        maxSize("sources", facts.sources());
        facts.sources().forEach(source -> {
            required("sources.kind", source.kind());
            vocabulary.requireActive(SchemeName.SOURCE_KIND, source.kind());
            vocabulary.requireActive(SchemeName.SOURCE_RELIABILITY, source.reliability());
        });
        required("verificationStatus", facts.verificationStatus());
        vocabulary.requireActive(SchemeName.VERIFICATION_STATUS, facts.verificationStatus());
        maxLength("narrative", facts.narrative(), MAX_NARRATIVE);
    }

    public void check(Classification classification) {
        required("classification", classification);
        if (classification.aggressionTypes().isEmpty()) {
            throw Rejection.invalid("attack.aggression-type-required");
        }
        maxSize("aggressionTypes", classification.aggressionTypes());
        maxSize("perpetrators", classification.perpetrators());
        maxSize("rightsDefended", classification.rightsDefended());
        maxSize("genderElements", classification.genderElements());
        vocabulary.requireAllActive(SchemeName.AGGRESSION_TYPE, classification.aggressionTypes());
        classification.perpetrators().forEach(p -> {
            vocabulary.requireActive(SchemeName.PERPETRATOR, p.perpetrator());
            vocabulary.requireActive(SchemeName.INVOLVEMENT, p.involvement());
        });
        vocabulary.requireAllActive(SchemeName.RIGHT_DEFENDED, classification.rightsDefended());
        vocabulary.requireAllActive(SchemeName.GENDER_ELEMENT, classification.genderElements());
    }

    private void checkTarget(Target target) {
        required("target", target);
        vocabulary.requireActive(SchemeName.TARGET_KIND, target.kind());
        boolean closePerson = "close-person".equals(target.kind());
        if (closePerson) {
            vocabulary.requireActive(SchemeName.RELATIONSHIP, target.relationship());
        } else if (target.relationship() != null) {
            throw Rejection.invalid("attack.relationship-only-for-close-person");
        }
        maxSize("target.defenders", target.defenders());
        checkEachDefenderOnce(target.defenders());
        for (String code : target.defenders()) {
            // Looked up in PostgreSQL, which refuses a NUL in a parameter: a 500 (found by OpenApiFuzzIT).
            TextFields.requireStorable("target.defenders", code);
            if (!defenders.isRegistered(code)) {
                throw Rejection.invalid("attack.unknown-defender", code);
            }
        }
    }

    /**
     * A defender is one person: listed twice she would be counted twice, and the read models keyed by
     * attack and defender cannot hold her twice (issue 20). The refusal names positions (1-based), never
     * the code typed: refusals reach the log.
     */
    private static void checkEachDefenderOnce(List<String> codes) {
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            Integer earlier = firstSeen.putIfAbsent(codes.get(i), i);
            if (earlier != null) {
                throw Rejection.invalid(
                        "attack.duplicate-defender", String.valueOf(i + 1), String.valueOf(earlier + 1));
            }
        }
    }

    private void checkDate(PartialDate occurredOn) {
        required("occurredOn", occurredOn);
        if (occurredOn.earliest().isAfter(LocalDate.now(clock))) {
            throw Rejection.invalid("date.future", occurredOn.toString());
        }
    }

    private void checkLocation(Location location) {
        required("location", location);
        required("location.country", location.country());
        vocabulary.requireActive(SchemeName.COUNTRY, location.country());
        if (location.subdivision() != null) {
            String country = vocabulary
                    .requireActive(SchemeName.SUBDIVISION, location.subdivision())
                    .group();
            if (!location.country().equals(country)) {
                throw Rejection.invalid(
                        "location.subdivision-outside-country", location.subdivision(), location.country());
            }
        }
        maxLength("location.municipality", location.municipality(), MAX_SHORT_TEXT);
    }

    private static void required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw Rejection.invalid("field.required", field);
        }
    }

    private static void maxLength(String field, String value, int max) {
        TextFields.requireStorable(field, value);
        if (value != null && value.length() > max) {
            throw Rejection.invalid("field.too-long", field, String.valueOf(max));
        }
    }

    private static void maxSize(String field, Collection<?> values, int max) {
        if (values.size() > max) {
            throw Rejection.invalid("field.too-many", field, String.valueOf(max));
        }
    }

    private static void maxSize(String field, Collection<?> values) {
        maxSize(field, values, MAX_LIST);
    }
}
