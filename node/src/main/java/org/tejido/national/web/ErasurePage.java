package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.tejido.national.consent.ConsentSubject;
import org.tejido.national.consent.EffectiveConsent;
import org.tejido.national.defender.AttacksNamingDefender;
import org.tejido.national.defender.DefenderProjection;
import org.tejido.national.defender.DefenderView;
import org.tejido.national.defender.EraseDefenderCommand;
import org.tejido.platform.problem.Rejection;

/**
 * Forgetting a defender, behind a page that says exactly what is destroyed (her identity and the
 * identifying data of every attack that named her, unreadable for good), what stays (codes and
 * non-identifying facts), what it does to consent and the federation (every consent about her and
 * those attacks revoked, what was shared retracted), and that it cannot be undone. The confirming
 * POST needs her code typed again: a slip of the mouse cannot erase anyone. Then it sends the same
 * {@link EraseDefenderCommand} as POST /api/defenders/{code}/erasure.
 */
@Controller
@Hidden // a page, not part of the API
class ErasurePage {
    private static final Logger log = LoggerFactory.getLogger(ErasurePage.class);

    static final List<String> FIELDS = List.of("confirmCode", "reason", "form");

    private final CommandGateway commands;
    private final DefenderProjection defenders;
    private final AttacksNamingDefender attacks;
    private final EffectiveConsent consent;

    ErasurePage(
            CommandGateway commands,
            DefenderProjection defenders,
            AttacksNamingDefender attacks,
            EffectiveConsent consent) {
        this.commands = commands;
        this.defenders = defenders;
        this.attacks = attacks;
        this.consent = consent;
    }

    @GetMapping("/defenders/{code}/erasure")
    String confirmation(@PathVariable String code, Model model, HttpServletResponse response) {
        return defenders
                .find(code)
                .map(view -> render(view, "", "", Map.of(), model))
                .orElseGet(() -> DefenderPage.missing(response, model, "defender"));
    }

    @PostMapping("/defenders/{code}/erasure")
    String erase(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        DefenderView view = defenders.find(code).orElse(null);
        if (view == null) {
            return DefenderPage.missing(response, model, "defender");
        }
        String typedCode = DefendersPage.one(form, "confirmCode");
        String reason = DefendersPage.one(form, "reason");
        Map<String, String> errors = new LinkedHashMap<>();
        if (typedCode == null) {
            errors.put("confirmCode", "page.erasure.error.code-required");
        } else if (!typedCode.strip().equals(code)) {
            errors.put("confirmCode", "page.erasure.error.code-mismatch");
        }
        if (errors.isEmpty()) {
            try {
                commands.sendAndWait(new EraseDefenderCommand(code, reason));
                ReadYourWrites.awaitUntil(() ->
                        defenders.find(code).map(now -> now.erasedAt() != null).orElse(true));
                return DefenderPage.seeOther(response, DefenderPage.address(code));
            } catch (RuntimeException e) {
                Rejection refused = PageRefusals.of(e);
                if (refused == null) {
                    throw e;
                }
                String about = PageRefusals.about(refused);
                errors.put(
                        "reason".equals(about) ? "reason" : "form",
                        PageRefusals.message("page.erasure.error.", refused, WORDED));
            }
        }
        // By field and code only: neither the code typed nor the reason.
        log.info("Erasure page: refused {}", errors);
        return render(
                view,
                form.getFirst("confirmCode") == null ? "" : form.getFirst("confirmCode"),
                form.getFirst("reason") == null ? "" : form.getFirst("reason"),
                errors,
                model);
    }

    static final java.util.Set<String> WORDED =
            java.util.Set.of("field.required", "field.too-long", "field.nul-character", "defender.erased");

    private String render(DefenderView view, String typedCode, String reason, Map<String, String> errors, Model model) {
        model.addAttribute("code", view.code());
        model.addAttribute("erased", view.erasedAt() != null);
        // Read from the event store, as the erasure itself finds them: none is missed by a lagging read model.
        model.addAttribute("attacks", attacks.attackIds(view.code()).size());
        model.addAttribute(
                "consented",
                consent.activeScope(ConsentSubject.defender(view.code())).isPresent());
        model.addAttribute("typedCode", typedCode);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", DefenderPage.ordered(FIELDS, errors));
        return "erasure";
    }
}
