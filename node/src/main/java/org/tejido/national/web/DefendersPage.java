package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import org.tejido.national.defender.DefenderProfile;
import org.tejido.national.defender.DefenderProjection;
import org.tejido.national.defender.RegisterDefenderCommand;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.SchemeName;

/**
 * The defenders' entry page: find a defender by her pseudonymous code (a GET form: the code names
 * nobody, so it may stand in an address), and register one. Registering sends the same
 * {@link RegisterDefenderCommand} as POST /api/defenders, so the rules are the command's; a refusal
 * stands beside its field and in the summary, the values typed stay, nothing is recorded.
 */
@Controller
@Hidden // a page, not part of the API
class DefendersPage {
    private static final Logger log = LoggerFactory.getLogger(DefendersPage.class);

    /** The form's fields, in its order: the error summary lists them so. */
    static final List<String> FIELDS = List.of("code", "country", "subdivision", "kind", "rights", "form");

    private final CommandGateway commands;
    private final DefenderProjection defenders;
    private final Labels labels;

    DefendersPage(CommandGateway commands, DefenderProjection defenders, Labels labels) {
        this.commands = commands;
        this.defenders = defenders;
        this.labels = labels;
    }

    @GetMapping("/defenders")
    String find(@RequestParam(required = false) String code, Model model) {
        String typed = CaseListPage.blankToNull(code);
        model.addAttribute("code", typed == null ? "" : typed);
        if (typed == null) {
            model.addAttribute("error", null);
            return "defenders";
        }
        if (defenders.find(typed).isPresent()) {
            return "redirect:" + DefenderPage.address(typed);
        }
        // Logged by code only: what was typed may be a name typed in the wrong box.
        log.info("Defenders page: refused code=page.defenders.error.not-found");
        model.addAttribute("error", "page.defenders.error.not-found");
        return "defenders";
    }

    @GetMapping("/defenders/new")
    String form(Locale locale, Model model) {
        return render(new LinkedMultiValueMap<>(), Map.of(), locale, model);
    }

    @PostMapping("/defenders/new")
    String register(
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        String code = one(form, "code");
        RegisterDefenderCommand command = new RegisterDefenderCommand(
                code,
                one(form, "country"),
                one(form, "subdivision"),
                new DefenderProfile(one(form, "kind"), all(form, "rights")));
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            commands.sendAndWait(command);
            ReadYourWrites.awaitUntil(() -> defenders.find(code).isPresent());
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", DefenderPage.address(code));
            return null;
        } catch (RuntimeException e) {
            Rejection refused = PageRefusals.of(e);
            if (refused == null) {
                throw e;
            }
            errors.put(field(refused), PageRefusals.message("page.defender.error.", refused, WORDED));
        }
        // By field and code only: the values typed may name people and places.
        log.info("Register defender page: refused {}", errors);
        return render(form, errors, locale, model);
    }

    private String render(MultiValueMap<String, String> form, Map<String, String> errors, Locale locale, Model model) {
        Map<String, String> ordered = new LinkedHashMap<>();
        FIELDS.stream().filter(errors::containsKey).forEach(f -> ordered.put(f, errors.get(f)));
        model.addAttribute("errors", ordered);
        model.addAttribute("code", form.getFirst("code") == null ? "" : form.getFirst("code"));
        ProfileForm.options(labels, form, locale, model);
        model.addAttribute("correcting", false);
        model.addAttribute("action", "/defenders/new");
        model.addAttribute("reason", "");
        return "defender-form";
    }

    /** The form field a refusal is about. */
    static String field(Rejection refused) {
        String about = PageRefusals.about(refused);
        return switch (refused.code()) {
            case "defender.code-malformed", "defender.code-country-mismatch", "record.already-exists" -> "code";
            default -> ProfileForm.field(refused, about);
        };
    }

    /** The refusals the defender forms have a sentence of their own for (page.defender.error.*). */
    static final Set<String> WORDED = Set.of(
            "defender.code-malformed",
            "defender.code-country-mismatch",
            "record.already-exists",
            "location.subdivision-outside-country",
            "vocabulary.unknown-code",
            "vocabulary.retired-code",
            "field.required",
            "field.too-long",
            "field.too-many",
            "field.nul-character",
            "defender.no-change",
            "defender.erased");

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

    /** The profile's part of a form (register and correct): its choices and its refusals. */
    static final class ProfileForm {
        private ProfileForm() {}

        static void options(Labels labels, MultiValueMap<String, String> form, Locale locale, Model model) {
            model.addAttribute("countries", labels.all(SchemeName.COUNTRY, all(form, "country"), true, locale));
            model.addAttribute(
                    "subdivisions",
                    labels.grouped(SchemeName.SUBDIVISION, SchemeName.COUNTRY, all(form, "subdivision"), true, locale));
            model.addAttribute("kinds", labels.all(SchemeName.DEFENDER_KIND, all(form, "kind"), true, locale));
            model.addAttribute("rights", labels.all(SchemeName.RIGHT_DEFENDED, all(form, "rights"), true, locale));
        }

        static String field(Rejection refused, String about) {
            return switch (refused.code()) {
                case "location.subdivision-outside-country" -> "subdivision";
                case "vocabulary.unknown-code", "vocabulary.retired-code" ->
                    switch (about) {
                        case "country" -> "country";
                        case "subdivision" -> "subdivision";
                        case "defender-kind" -> "kind";
                        case "right-defended" -> "rights";
                        default -> "form";
                    };
                case "field.required", "field.too-long", "field.too-many", "field.nul-character" ->
                    switch (about) {
                        case "country" -> "country";
                        case "profile" -> "kind";
                        case "reason" -> "reason";
                        default -> "form";
                    };
                default -> "form";
            };
        }
    }
}
