package org.tejido.national.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * The fields of an attack's forms (record, correction, reclassification) read into the same
 * {@link AttackFacts} and {@link Classification} the API takes, and back: a case's current facts or
 * classification as the form's values, so a correction starts from what is recorded. Only the reading
 * of numbers and lists is here; whether the values are acceptable is the command's rules'. A refusal of
 * those rules is put beside its field ({@link #field}) with the page's sentence for it ({@link #message}).
 */
final class AttackFormFields {
    private AttackFormFields() {}

    /** Every field of the forms, in their order: the error summary lists them so. */
    static final List<String> FIELDS = List.of(
            "year",
            "month",
            "day",
            "country",
            "subdivision",
            "municipality",
            "targetKind",
            "relationship",
            "defenders",
            "types",
            "perpetrators",
            "rights",
            "genders",
            "sources",
            "status",
            "narrative",
            "reason",
            "form");

    /** The fields typed as text (or chosen once), kept as typed when the form comes back with errors. */
    static final List<String> TEXT_FIELDS = List.of(
            "year",
            "month",
            "day",
            "country",
            "subdivision",
            "municipality",
            "targetKind",
            "relationship",
            "defenders",
            "status",
            "narrative",
            "reason");

    static AttackFacts facts(MultiValueMap<String, String> form, Map<String, String> errors) {
        return new AttackFacts(
                new Target(one(form, "targetKind"), one(form, "relationship"), defenders(one(form, "defenders"))),
                date(form, errors),
                new Location(one(form, "country"), one(form, "subdivision"), one(form, "municipality")),
                all(form, "sources").stream()
                        .map(kind -> new Source(kind, one(form, "reliability." + kind)))
                        .toList(),
                one(form, "status"),
                one(form, "narrative"));
    }

    static Classification classification(MultiValueMap<String, String> form) {
        return new Classification(
                all(form, "types"),
                all(form, "perpetrators").stream()
                        .map(code -> new PerpetratorInvolvement(code, one(form, "involvement." + code)))
                        .toList(),
                all(form, "rights"),
                all(form, "genders"));
    }

    /** A case's facts as the correction form's values (with its identifying data when it was read). */
    static MultiValueMap<String, String> of(AttackFacts facts) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        PartialDate date = facts.occurredOn();
        if (date != null) {
            form.add("year", String.valueOf(date.year()));
            addIfPresent(form, "month", date.month());
            addIfPresent(form, "day", date.day());
        }
        if (facts.location() != null) {
            addIfPresent(form, "country", facts.location().country());
            addIfPresent(form, "subdivision", facts.location().subdivision());
            addIfPresent(form, "municipality", facts.location().municipality());
        }
        if (facts.target() != null) {
            addIfPresent(form, "targetKind", facts.target().kind());
            addIfPresent(form, "relationship", facts.target().relationship());
            if (facts.target().defenders() != null) {
                form.add("defenders", String.join(", ", facts.target().defenders()));
            }
        }
        for (Source source : facts.sources()) {
            form.add("sources", source.kind());
            addIfPresent(form, "reliability." + source.kind(), source.reliability());
        }
        addIfPresent(form, "status", facts.verificationStatus());
        addIfPresent(form, "narrative", facts.narrative());
        return form;
    }

    /** A case's classification as the reclassification form's values. */
    static MultiValueMap<String, String> of(Classification classification) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        classification.aggressionTypes().forEach(code -> form.add("types", code));
        for (PerpetratorInvolvement p : classification.perpetrators()) {
            form.add("perpetrators", p.perpetrator());
            addIfPresent(form, "involvement." + p.perpetrator(), p.involvement());
        }
        classification.rightsDefended().forEach(code -> form.add("rights", code));
        classification.genderElements().forEach(code -> form.add("genders", code));
        return form;
    }

    /** The errors in the order of the fields, whatever order the checks found them in. */
    static Map<String, String> ordered(Map<String, String> errors) {
        Map<String, String> ordered = new LinkedHashMap<>();
        FIELDS.stream().filter(errors::containsKey).forEach(f -> ordered.put(f, errors.get(f)));
        return ordered;
    }

    /** The values typed, every text field present (empty when not typed) so the template needs no test. */
    static Map<String, String> values(MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : TEXT_FIELDS) {
            values.put(name, form.getFirst(name) == null ? "" : form.getFirst(name));
        }
        return values;
    }

    /**
     * The partial date from its three boxes. Only the reading of numbers is the page's: whether the date
     * exists and is not in the future is {@link PartialDate}'s and the rules'.
     */
    private static PartialDate date(MultiValueMap<String, String> form, Map<String, String> errors) {
        String year = one(form, "year");
        String month = one(form, "month");
        String day = one(form, "day");
        if (year == null) {
            errors.put("year", "page.record.error.year-required");
            return null;
        }
        Integer y = number(year, 4);
        Integer m = month == null ? null : number(month, 2);
        Integer d = day == null ? null : number(day, 2);
        if (y == null || (month != null && m == null) || (day != null && d == null)) {
            errors.put("year", "page.record.error.date");
            return null;
        }
        try {
            return new PartialDate(y, m, d);
        } catch (Rejection impossible) {
            errors.put("year", message(impossible));
            return null;
        }
    }

    private static Integer number(String text, int maxDigits) {
        if (text.length() > maxDigits || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.valueOf(text);
    }

    /** Defenders' codes as typed, separated by commas, spaces or lines. */
    private static List<String> defenders(String text) {
        List<String> codes = new ArrayList<>();
        if (text != null) {
            for (String code : text.split("[,\\s]+")) {
                if (!code.isBlank()) {
                    codes.add(code);
                }
            }
        }
        return codes;
    }

    /**
     * Runs one rule; its refusal goes beside its field. The rules stop at their first refusal, so each
     * part is checked apart and a form wrong in several gets each error at once; an error already found
     * for that field (a date the page could not read) keeps its own sentence.
     */
    static void check(Runnable rule, Map<String, String> errors) {
        try {
            rule.run();
        } catch (Rejection refused) {
            errors.putIfAbsent(field(refused), message(refused));
        } catch (UnknownCodeException unknown) {
            Rejection refused = asRejection(unknown);
            errors.putIfAbsent(field(refused), message(refused));
        }
    }

    /** The vocabulary's refusal under the code the API answers it with (ProblemDetailsAdvice). */
    static Rejection asRejection(UnknownCodeException e) {
        return Rejection.invalid(
                e.retired() ? "vocabulary.retired-code" : "vocabulary.unknown-code", e.scheme(), e.value());
    }

    /** The form field a refusal of the rules is about: its code, and for some codes its first argument. */
    static String field(Rejection refused) {
        String about = refused.args().isEmpty() ? "" : refused.args().get(0);
        switch (refused.code()) {
            case "date.malformed", "date.impossible", "date.future":
                return "year";
            case "location.subdivision-outside-country":
                return "subdivision";
            case "attack.aggression-type-required":
                return "types";
            case "attack.relationship-only-for-close-person":
                return "relationship";
            case "attack.unknown-defender", "attack.duplicate-defender":
                return "defenders";
            case "vocabulary.unknown-code", "vocabulary.retired-code":
                return switch (about) {
                    case "country" -> "country";
                    case "subdivision" -> "subdivision";
                    case "target-kind" -> "targetKind";
                    case "relationship" -> "relationship";
                    case "aggression-type" -> "types";
                    case "perpetrator", "involvement" -> "perpetrators";
                    case "right-defended" -> "rights";
                    case "gender-element" -> "genders";
                    case "source-kind", "source-reliability" -> "sources";
                    case "verification-status" -> "status";
                    default -> "form";
                };
            case "field.required", "field.too-long", "field.too-many", "field.nul-character":
                return switch (about) {
                    case "occurredOn" -> "year";
                    case "location", "location.country" -> "country";
                    case "location.municipality" -> "municipality";
                    case "target" -> "targetKind";
                    case "target.defenders" -> "defenders";
                    case "aggressionTypes", "classification" -> "types";
                    case "perpetrators" -> "perpetrators";
                    case "rightsDefended" -> "rights";
                    case "genderElements" -> "genders";
                    case "sources", "sources.kind" -> "sources";
                    case "verificationStatus" -> "status";
                    case "narrative" -> "narrative";
                    case "reason" -> "reason";
                    default -> "form";
                };
            default:
                return "form";
        }
    }

    /** The page's sentence for a refusal: one per code, in the page's language. */
    static String message(Rejection refused) {
        return WORDED.contains(refused.code()) ? "page.record.error." + refused.code() : "page.record.error.other";
    }

    /** The refusals of the rules the forms have a sentence of their own for (page.record.error.*). */
    static final Set<String> WORDED = Set.of(
            "date.malformed",
            "date.impossible",
            "date.future",
            "location.subdivision-outside-country",
            "attack.aggression-type-required",
            "attack.relationship-only-for-close-person",
            "attack.unknown-defender",
            "attack.duplicate-defender",
            "attack.no-change",
            "vocabulary.unknown-code",
            "vocabulary.retired-code",
            "field.required",
            "field.too-long",
            "field.too-many",
            "field.nul-character");

    static String one(MultiValueMap<String, String> form, String name) {
        return CaseListPage.blankToNull(form.getFirst(name));
    }

    static List<String> all(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null
                ? List.of()
                : values.stream()
                        .map(CaseListPage::blankToNull)
                        .filter(v -> v != null)
                        .toList();
    }

    private static void addIfPresent(MultiValueMap<String, String> form, String name, Object value) {
        if (value != null) {
            form.add(name, value.toString());
        }
    }
}
