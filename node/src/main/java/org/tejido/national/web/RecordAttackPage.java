package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackRules;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.RecordAttackCommand;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * Recording an attack from a form: the fields become the same {@link AttackFacts} and
 * {@link Classification} the API's POST /api/attacks takes, sent as the same {@link RecordAttackCommand},
 * so the rules are the command's ({@link AttackRules}), not the page's. The page only reads the form:
 * numbers of the date, codes chosen from the vocabulary. Before sending, the facts and the
 * classification are checked apart with those same rules so that a form wrong in both gets both
 * errors at once; each refusal is put beside its field and in the summary, the values typed stay in
 * the form, and nothing is recorded.
 */
@Controller
@Hidden // a page, not part of the API
class RecordAttackPage {
    private static final Logger log = LoggerFactory.getLogger(RecordAttackPage.class);

    /** The form's fields, in its order: the error summary lists them so. */
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
            "form");

    private final CommandGateway commands;
    private final AttackRules rules;
    private final Labels labels;

    RecordAttackPage(CommandGateway commands, AttackRules rules, Labels labels) {
        this.commands = commands;
        this.rules = rules;
        this.labels = labels;
    }

    @GetMapping("/cases/new")
    String form(Locale locale, Model model) {
        return render(new LinkedMultiValueMap<>(), Map.of(), locale, model);
    }

    @PostMapping("/cases/new")
    String record(
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        PartialDate occurredOn = date(form, errors);
        AttackFacts facts = new AttackFacts(
                new Target(one(form, "targetKind"), one(form, "relationship"), defenders(one(form, "defenders"))),
                occurredOn,
                new Location(one(form, "country"), one(form, "subdivision"), one(form, "municipality")),
                all(form, "sources").stream()
                        .map(kind -> new Source(kind, one(form, "reliability." + kind)))
                        .toList(),
                one(form, "status"),
                one(form, "narrative"));
        Classification classification = new Classification(
                all(form, "types"),
                all(form, "perpetrators").stream()
                        .map(code -> new PerpetratorInvolvement(code, one(form, "involvement." + code)))
                        .toList(),
                all(form, "rights"),
                all(form, "genders"));
        // The rules stop at their first refusal; a date the page could not read keeps its own sentence
        // (putIfAbsent), and the facts after the date are checked once it is readable.
        check(() -> rules.check(facts), errors);
        check(() -> rules.check(classification), errors);
        if (errors.isEmpty()) {
            String attackId = UUID.randomUUID().toString();
            try {
                commands.sendAndWait(new RecordAttackCommand(attackId, facts, classification));
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", "/cases/" + attackId);
                return null;
            } catch (Rejection refused) {
                errors.put(field(refused), message(refused));
            } catch (UnknownCodeException unknown) {
                Rejection refused = asRejection(unknown);
                errors.put(field(refused), message(refused));
            }
        }
        // By field and code only: the values are what someone typed, and may name people and places.
        log.info("Record attack page: refused {}", errors);
        // 200, as for any page: a 422 would be a console error in the browser, and the page says what is wrong.
        return render(form, errors, locale, model);
    }

    private String render(MultiValueMap<String, String> form, Map<String, String> errors, Locale locale, Model model) {
        Map<String, String> ordered = new LinkedHashMap<>();
        FIELDS.stream().filter(errors::containsKey).forEach(f -> ordered.put(f, errors.get(f)));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of(
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
                "narrative")) {
            values.put(name, form.getFirst(name) == null ? "" : form.getFirst(name));
        }
        model.addAttribute("values", values);
        model.addAttribute("errors", ordered);
        model.addAttribute("countries", labels.all(SchemeName.COUNTRY, all(form, "country"), true, locale));
        model.addAttribute(
                "subdivisions",
                labels.grouped(SchemeName.SUBDIVISION, SchemeName.COUNTRY, all(form, "subdivision"), true, locale));
        model.addAttribute("targetKinds", labels.all(SchemeName.TARGET_KIND, all(form, "targetKind"), true, locale));
        model.addAttribute(
                "relationships", labels.all(SchemeName.RELATIONSHIP, all(form, "relationship"), true, locale));
        model.addAttribute(
                "types",
                labels.grouped(
                        SchemeName.AGGRESSION_TYPE, SchemeName.AGGRESSION_GROUP, all(form, "types"), true, locale));
        model.addAttribute(
                "perpetrators",
                labels.grouped(
                        SchemeName.PERPETRATOR, SchemeName.PERPETRATOR_GROUP, all(form, "perpetrators"), true, locale));
        Map<String, List<Labels.Option>> involvements = new LinkedHashMap<>();
        for (Labels.Option p : labels.all(SchemeName.PERPETRATOR, List.of(), true, locale)) {
            involvements.put(
                    p.code(), labels.all(SchemeName.INVOLVEMENT, all(form, "involvement." + p.code()), true, locale));
        }
        model.addAttribute("involvements", involvements);
        model.addAttribute("rights", labels.all(SchemeName.RIGHT_DEFENDED, all(form, "rights"), true, locale));
        model.addAttribute("genders", labels.all(SchemeName.GENDER_ELEMENT, all(form, "genders"), true, locale));
        model.addAttribute("sources", labels.all(SchemeName.SOURCE_KIND, all(form, "sources"), true, locale));
        Map<String, List<Labels.Option>> reliabilities = new LinkedHashMap<>();
        for (Labels.Option s : labels.all(SchemeName.SOURCE_KIND, List.of(), true, locale)) {
            reliabilities.put(
                    s.code(),
                    labels.all(SchemeName.SOURCE_RELIABILITY, all(form, "reliability." + s.code()), true, locale));
        }
        model.addAttribute("reliabilities", reliabilities);
        model.addAttribute("statuses", labels.all(SchemeName.VERIFICATION_STATUS, all(form, "status"), true, locale));
        return "record";
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

    private static void check(Runnable rule, Map<String, String> errors) {
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
    private static Rejection asRejection(UnknownCodeException e) {
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

    /** The refusals of the rules the form has a sentence of its own for (page.record.error.*). */
    static final java.util.Set<String> WORDED = java.util.Set.of(
            "date.malformed",
            "date.impossible",
            "date.future",
            "location.subdivision-outside-country",
            "attack.aggression-type-required",
            "attack.relationship-only-for-close-person",
            "attack.unknown-defender",
            "attack.duplicate-defender",
            "vocabulary.unknown-code",
            "vocabulary.retired-code",
            "field.required",
            "field.too-long",
            "field.too-many",
            "field.nul-character");

    private static String one(MultiValueMap<String, String> form, String name) {
        return CaseListPage.blankToNull(form.getFirst(name));
    }

    private static List<String> all(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null
                ? List.of()
                : values.stream()
                        .map(CaseListPage::blankToNull)
                        .filter(v -> v != null)
                        .toList();
    }
}
