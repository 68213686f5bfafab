package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
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
import org.tejido.national.attack.AttackRules;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.ReclassifyAttackCommand;
import org.tejido.national.cases.CaseReader;
import org.tejido.national.cases.CaseView;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * Reclassifying a case (types of aggression, perpetrators, rights defended, gender-based elements), with
 * the reason: the same {@link ReclassifyAttackCommand} as the API's POST
 * /api/attacks/{id}/reclassifications. The classification identifies nobody, so the form opens by GET,
 * filled with the classification as recorded; refused, it comes back as typed with its errors, and
 * nothing changes.
 */
@Controller
@Hidden // a page, not part of the API
class ReclassifyAttackPage {
    private static final Logger log = LoggerFactory.getLogger(ReclassifyAttackPage.class);

    private final CaseReader reader;
    private final CommandGateway commands;
    private final AttackRules rules;
    private final AttackFormModel forms;

    ReclassifyAttackPage(CaseReader reader, CommandGateway commands, AttackRules rules, AttackFormModel forms) {
        this.reader = reader;
        this.commands = commands;
        this.rules = rules;
        this.forms = forms;
    }

    @GetMapping("/cases/{attackId}/reclassification")
    String form(@PathVariable String attackId, Locale locale, Model model, HttpServletResponse response) {
        CaseView view;
        try {
            view = reader.withheld(attackId);
        } catch (Rejection missing) {
            return CaseDetailPage.missing(response, model);
        }
        return render(view.attackId(), AttackFormFields.of(view.classification()), Map.of(), locale, model);
    }

    @PostMapping("/cases/{attackId}/reclassification")
    String reclassify(
            @PathVariable String attackId,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        try {
            attackId = reader.withheld(attackId).attackId();
        } catch (Rejection missing) {
            return CaseDetailPage.missing(response, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Classification classification = AttackFormFields.classification(form);
        String reason = AttackFormFields.one(form, "reason");
        AttackFormFields.check(() -> rules.check(classification), errors);
        AttackFormFields.check(() -> rules.checkReason(reason), errors);
        if (errors.isEmpty()) {
            try {
                Instant before = CaseDetailPage.updatedAt(reader, attackId);
                commands.sendAndWait(new ReclassifyAttackCommand(attackId, classification, reason));
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
        // By field and code only, as every form of the node.
        log.info("Reclassify attack page: refused {}", AttackFormFields.ordered(errors));
        return render(attackId, form, errors, locale, model);
    }

    private String render(
            String attackId,
            MultiValueMap<String, String> form,
            Map<String, String> errors,
            Locale locale,
            Model model) {
        model.addAttribute("attackId", attackId);
        forms.form(form, errors, model);
        forms.classification(form, locale, model);
        return "reclassify";
    }
}
