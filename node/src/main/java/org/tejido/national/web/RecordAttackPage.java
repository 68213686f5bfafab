package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
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
import org.tejido.national.attack.RecordAttackCommand;
import org.tejido.national.cases.CaseReader;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * Recording an attack from a form: the fields become the same {@link AttackFacts} and
 * {@link Classification} the API's POST /api/attacks takes, sent as the same {@link RecordAttackCommand},
 * so the rules are the command's ({@link AttackRules}), not the page's. The page only reads the form
 * ({@link AttackFormFields}). Before sending, the facts and the classification are checked apart with
 * those same rules so that a form wrong in both gets both errors at once; each refusal is put beside
 * its field and in the summary, the values typed stay in the form, and nothing is recorded.
 */
@Controller
@Hidden // a page, not part of the API
class RecordAttackPage {
    private static final Logger log = LoggerFactory.getLogger(RecordAttackPage.class);

    private final CommandGateway commands;
    private final AttackRules rules;
    private final AttackFormModel forms;
    private final CaseReader cases;

    RecordAttackPage(CommandGateway commands, AttackRules rules, AttackFormModel forms, CaseReader cases) {
        this.commands = commands;
        this.rules = rules;
        this.forms = forms;
        this.cases = cases;
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
        AttackFacts facts = AttackFormFields.facts(form, errors);
        Classification classification = AttackFormFields.classification(form);
        AttackFormFields.check(() -> rules.check(facts), errors);
        AttackFormFields.check(() -> rules.check(classification), errors);
        if (errors.isEmpty()) {
            String attackId = UUID.randomUUID().toString();
            try {
                commands.sendAndWait(new RecordAttackCommand(attackId, facts, classification));
                // The case page reads the case list's read model, a moment behind the event: without
                // this wait the new case could open as "not found".
                ReadYourWrites.awaitUntil(() -> recorded(attackId));
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", "/cases/" + attackId);
                return null;
            } catch (Rejection refused) {
                errors.put(AttackFormFields.field(refused), AttackFormFields.message(refused));
            } catch (UnknownCodeException unknown) {
                Rejection refused = AttackFormFields.asRejection(unknown);
                errors.put(AttackFormFields.field(refused), AttackFormFields.message(refused));
            }
        }
        // By field and code only: the values are what someone typed, and may name people and places.
        log.info("Record attack page: refused {}", AttackFormFields.ordered(errors));
        // 200, as for any page: a 422 would be a console error in the browser, and the page says what is wrong.
        return render(form, errors, locale, model);
    }

    private boolean recorded(String attackId) {
        try {
            cases.withheld(attackId);
            return true;
        } catch (Rejection notYet) {
            return false;
        }
    }

    private String render(MultiValueMap<String, String> form, Map<String, String> errors, Locale locale, Model model) {
        forms.form(form, errors, model);
        forms.facts(form, locale, model);
        forms.classification(form, locale, model);
        return "record";
    }
}
