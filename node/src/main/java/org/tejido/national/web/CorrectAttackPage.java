package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackRules;
import org.tejido.national.attack.CorrectAttackCommand;
import org.tejido.national.cases.CaseReader;
import org.tejido.national.cases.CaseView;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * Correcting a case's facts, with the reason: the same {@link CorrectAttackCommand} as the API's POST
 * /api/attacks/{id}/corrections, so the rules are the command's. The form starts from the facts as
 * recorded, identifying data included (municipality, narrative): opening it is therefore a POST, read
 * through {@link CaseReader#read} like "show identifying data", which records the read in the access
 * log; no link, prefetch or address holds it. Sending it is another POST; refused, it comes back with
 * what was typed, each error beside its field and in the summary, and nothing changes.
 */
@Controller
@Hidden // a page, not part of the API
class CorrectAttackPage {
    private static final Logger log = LoggerFactory.getLogger(CorrectAttackPage.class);

    private final CaseReader reader;
    private final CommandGateway commands;
    private final AttackRules rules;
    private final AttackFormModel forms;

    CorrectAttackPage(CaseReader reader, CommandGateway commands, AttackRules rules, AttackFormModel forms) {
        this.reader = reader;
        this.commands = commands;
        this.rules = rules;
        this.forms = forms;
    }

    /** The form, filled with the facts as recorded now: a read of identifying data, logged. */
    @PostMapping("/cases/{attackId}/correction/form")
    String open(
            @PathVariable String attackId, Principal person, Locale locale, Model model, HttpServletResponse response) {
        CaseView view;
        try {
            view = reader.read(attackId, person);
        } catch (Rejection missing) {
            return CaseDetailPage.missing(response, model);
        }
        return render(view.attackId(), AttackFormFields.of(view.facts()), Map.of(), locale, model);
    }

    @PostMapping("/cases/{attackId}/correction")
    String correct(
            @PathVariable String attackId,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        try {
            attackId = reader.withheld(attackId).attackId(); // exists; nothing identifying is read
        } catch (Rejection missing) {
            return CaseDetailPage.missing(response, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        AttackFacts facts = AttackFormFields.facts(form, errors);
        String reason = AttackFormFields.one(form, "reason");
        AttackFormFields.check(() -> rules.check(facts), errors);
        AttackFormFields.check(() -> rules.checkReason(reason), errors);
        if (errors.isEmpty()) {
            try {
                Instant before = CaseDetailPage.updatedAt(reader, attackId);
                commands.sendAndWait(new CorrectAttackCommand(attackId, facts, reason));
                // The case page reads its read model, a moment behind the event: wait until it has the change.
                String id = attackId;
                ReadYourWrites.awaitUntil(() -> {
                    Instant now = CaseDetailPage.updatedAt(reader, id);
                    return now != null && (before == null || now.isAfter(before));
                });
                return CaseDetailPage.seeCase(attackId, response);
            } catch (Rejection refused) {
                errors.put(AttackFormFields.field(refused), AttackFormFields.message(refused));
            } catch (UnknownCodeException unknown) {
                Rejection refused = AttackFormFields.asRejection(unknown);
                errors.put(AttackFormFields.field(refused), AttackFormFields.message(refused));
            }
        }
        // By field and code only: the values are what someone typed, and may name people and places.
        log.info("Correct attack page: refused {}", AttackFormFields.ordered(errors));
        return render(attackId, form, errors, locale, model);
    }

    /**
     * Either address opened again (the language switch, a reload turned into a GET): the case, without
     * its identifying data. The form takes the button again, and another entry in the access log.
     */
    @GetMapping({"/cases/{attackId}/correction/form", "/cases/{attackId}/correction"})
    String openedAgain(@PathVariable String attackId) {
        return CaseDetailPage.redirectToCase(attackId);
    }

    private String render(
            String attackId,
            MultiValueMap<String, String> form,
            Map<String, String> errors,
            Locale locale,
            Model model) {
        model.addAttribute("attackId", attackId);
        forms.form(form, errors, model);
        forms.facts(form, locale, model);
        return "correct";
    }
}
