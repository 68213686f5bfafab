package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.national.cases.CaseReader;
import org.tejido.national.cases.FollowUpView;
import org.tejido.national.followup.ChangeFollowUpStatusCommand;
import org.tejido.national.followup.OpenFollowUpCommand;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * A case's follow-ups from its page: opening one (the API's POST /api/attacks/{id}/follow-ups) and moving
 * one to another status (POST /api/follow-ups/{id}/status-changes), as the same commands, so the rules
 * are {@code FollowUpRules}'. Those rules stop at their first refusal, so the page shows one refusal at a
 * time (beside its field and in the summary), besides a start date it could not read. Nothing here
 * identifies anyone (kinds, statuses, a date, the note the case page already shows): plain GET forms.
 */
@Controller
@Hidden // a page, not part of the API
class FollowUpPages {
    private static final Logger log = LoggerFactory.getLogger(FollowUpPages.class);

    /** The fields of both forms, in their order: the error summary lists them so. */
    static final List<String> FIELDS = List.of("kind", "status", "startedOn", "note", "form");

    /** The refusals the forms have a sentence of their own for (page.follow-up.error.*). */
    static final Set<String> WORDED = Set.of(
            "vocabulary.unknown-code",
            "vocabulary.retired-code",
            "field.required",
            "field.too-long",
            "field.nul-character",
            "date.future",
            "follow-up.status-unchanged",
            "follow-up.closed");

    private final CaseReader reader;
    private final CommandGateway commands;
    private final Labels labels;
    private final Clock clock;

    FollowUpPages(CaseReader reader, CommandGateway commands, Labels labels, Clock clock) {
        this.reader = reader;
        this.commands = commands;
        this.labels = labels;
        this.clock = clock;
    }

    @GetMapping("/cases/{attackId}/follow-ups/new")
    String openForm(@PathVariable String attackId, Locale locale, Model model, HttpServletResponse response) {
        String id = existing(attackId);
        if (id == null) {
            return CaseDetailPage.missing(response, model);
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("startedOn", LocalDate.now(clock).toString());
        return render("follow-up-new", id, null, form, Map.of(), locale, model);
    }

    @PostMapping("/cases/{attackId}/follow-ups/new")
    String open(
            @PathVariable String attackId,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        String id = existing(attackId);
        if (id == null) {
            return CaseDetailPage.missing(response, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate startedOn = date(AttackFormFields.one(form, "startedOn"), errors);
        String followUpId = UUID.randomUUID().toString();
        if (errors.isEmpty()) {
            send(
                    new OpenFollowUpCommand(
                            followUpId,
                            id,
                            AttackFormFields.one(form, "kind"),
                            AttackFormFields.one(form, "status"),
                            startedOn,
                            AttackFormFields.one(form, "note")),
                    errors);
        }
        if (errors.isEmpty()) {
            // The case page lists follow-ups from its read model, a moment behind the event.
            ReadYourWrites.awaitUntil(() -> followUp(id, followUpId) != null);
            return CaseDetailPage.seeCase(id, response);
        }
        log.info("Open follow-up page: refused {}", errors);
        return render("follow-up-new", id, null, form, errors, locale, model);
    }

    @GetMapping("/cases/{attackId}/follow-ups/{followUpId}/status")
    String statusForm(
            @PathVariable String attackId,
            @PathVariable String followUpId,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        FollowUpView followUp = followUp(attackId, followUpId);
        if (followUp == null) {
            return CaseDetailPage.missing(response, model);
        }
        return render("follow-up-status", attackId, followUp, new LinkedMultiValueMap<>(), Map.of(), locale, model);
    }

    @PostMapping("/cases/{attackId}/follow-ups/{followUpId}/status")
    String changeStatus(
            @PathVariable String attackId,
            @PathVariable String followUpId,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        FollowUpView followUp = followUp(attackId, followUpId);
        if (followUp == null) {
            return CaseDetailPage.missing(response, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        send(
                new ChangeFollowUpStatusCommand(
                        followUp.followUpId(),
                        AttackFormFields.one(form, "status"),
                        AttackFormFields.one(form, "note")),
                errors);
        if (errors.isEmpty()) {
            String status = AttackFormFields.one(form, "status");
            ReadYourWrites.awaitUntil(() -> {
                FollowUpView now = followUp(attackId, followUpId);
                return now != null && Objects.equals(now.status(), status);
            });
            return CaseDetailPage.seeCase(attackId, response);
        }
        log.info("Follow-up status page: refused {}", errors);
        return render("follow-up-status", attackId, followUp, form, errors, locale, model);
    }

    /** The case's id as recorded, or null when there is no such case. */
    private String existing(String attackId) {
        try {
            return reader.withheld(attackId).attackId();
        } catch (Rejection missing) {
            return null;
        }
    }

    /** The follow-up, only when it is one of this case's: the address names both. */
    private FollowUpView followUp(String attackId, String followUpId) {
        try {
            return reader.withheld(attackId).followUps().stream()
                    .filter(f -> f.followUpId().equals(followUpId))
                    .findFirst()
                    .orElse(null);
        } catch (Rejection missing) {
            return null;
        }
    }

    private void send(Object command, Map<String, String> errors) {
        try {
            commands.sendAndWait(command);
        } catch (Rejection refused) {
            errors.put(field(refused), message(refused));
        } catch (UnknownCodeException unknown) {
            Rejection refused = AttackFormFields.asRejection(unknown);
            errors.put(field(refused), message(refused));
        }
    }

    /** The start date as a date input sends it (ISO); only reading it is the page's, the rules judge it. */
    private static LocalDate date(String text, Map<String, String> errors) {
        if (text == null) {
            return null; // the rules refuse it as required
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException unreadable) {
            errors.put("startedOn", "page.follow-up.error.date");
            return null;
        }
    }

    static String field(Rejection refused) {
        String about = refused.args().isEmpty() ? "" : refused.args().get(0);
        return switch (refused.code()) {
            case "vocabulary.unknown-code", "vocabulary.retired-code" ->
                "follow-up-kind".equals(about) ? "kind" : "follow-up-status".equals(about) ? "status" : "form";
            case "date.future" -> "startedOn";
            case "follow-up.status-unchanged" -> "status";
            case "field.required", "field.too-long", "field.nul-character" ->
                switch (about) {
                    case "startedOn" -> "startedOn";
                    case "note" -> "note";
                    default -> "form";
                };
            default -> "form";
        };
    }

    static String message(Rejection refused) {
        return WORDED.contains(refused.code())
                ? "page.follow-up.error." + refused.code()
                : "page.follow-up.error.other";
    }

    /** A follow-up's kind and status as the status form shows them. */
    record Current(String followUpId, Labels.Option kind, Labels.Option status, String startedOn) {}

    private String render(
            String template,
            String attackId,
            FollowUpView followUp,
            MultiValueMap<String, String> form,
            Map<String, String> errors,
            Locale locale,
            Model model) {
        Map<String, String> ordered = new LinkedHashMap<>();
        FIELDS.stream().filter(errors::containsKey).forEach(f -> ordered.put(f, errors.get(f)));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("startedOn", "note")) {
            values.put(name, form.getFirst(name) == null ? "" : form.getFirst(name));
        }
        model.addAttribute("attackId", attackId);
        model.addAttribute("values", values);
        model.addAttribute("errors", ordered);
        model.addAttribute(
                "kinds", labels.all(SchemeName.FOLLOW_UP_KIND, AttackFormFields.all(form, "kind"), true, locale));
        model.addAttribute(
                "statuses",
                labels.all(SchemeName.FOLLOW_UP_STATUS, AttackFormFields.all(form, "status"), true, locale));
        if (followUp != null) {
            model.addAttribute(
                    "followUp",
                    new Current(
                            followUp.followUpId(),
                            labels.option(SchemeName.FOLLOW_UP_KIND, followUp.kind(), locale),
                            labels.option(SchemeName.FOLLOW_UP_STATUS, followUp.status(), locale),
                            followUp.startedOn() == null
                                    ? null
                                    : followUp.startedOn().toString()));
        }
        return template;
    }
}
