package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.web.util.UriComponentsBuilder;
import org.tejido.national.attack.AttackRules;
import org.tejido.national.attack.WriteSharingSummaryCommand;
import org.tejido.national.cases.CaseReader;
import org.tejido.national.consent.ConsentGrant;
import org.tejido.national.consent.ConsentRules;
import org.tejido.national.consent.ConsentSubject;
import org.tejido.national.consent.EffectiveConsent;
import org.tejido.national.consent.EffectiveConsentView;
import org.tejido.national.consent.GrantConsentCommand;
import org.tejido.national.consent.RevokeConsentCommand;
import org.tejido.national.consent.SharingScope;
import org.tejido.national.defender.DefenderProjection;
import org.tejido.national.sharing.SharingPreview;
import org.tejido.national.sharing.SharingPreviewView;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.SchemeName;

/**
 * A coordinator records a consent, per attack ({@code /cases/{id}/consent}) or per defender
 * ({@code /defenders/{code}/consent}), in two steps: the first POST checks the consent with the
 * command's own rules ({@link ConsentRules}, {@link AttackRules} for the summary) and answers with a
 * preview of exactly what would leave the node under it, built by the same {@link SharingPreview} and
 * Minimization as the federation's; only the second POST ("confirm", the same values in hidden fields)
 * sends the commands PUT /api/.../consent and PUT /api/attacks/{id}/sharing-summary send. Revoking,
 * with its reason, is RevokeConsentCommand as POST .../consent/revocation sends it.
 */
@Controller
@Hidden // a page, not part of the API
class ConsentPage {
    private static final Logger log = LoggerFactory.getLogger(ConsentPage.class);

    /** A defender's preview shows at most this many of her attacks, and says how many more there are. */
    static final int PREVIEWED_ATTACKS = 5;

    static final List<String> FIELDS = List.of(
            "scope",
            "basis",
            "grantorKind",
            "grantorName",
            "grantedOn",
            "expiresOn",
            "publicName",
            "publicSummary",
            "sharingSummary",
            "form");

    /** The form's text fields, carried from the form to the preview and its confirmation. */
    static final List<String> VALUES = FIELDS.subList(0, FIELDS.size() - 1);

    private final CommandGateway commands;
    private final ConsentForm consentForm;
    private final EffectiveConsent consent;
    private final SharingPreview preview;
    private final CaseReader cases;
    private final DefenderProjection defenders;
    private final SharedViewRows rows;
    private final Labels labels;

    ConsentPage(
            CommandGateway commands,
            ConsentForm consentForm,
            EffectiveConsent consent,
            SharingPreview preview,
            CaseReader cases,
            DefenderProjection defenders,
            SharedViewRows rows,
            Labels labels) {
        this.commands = commands;
        this.consentForm = consentForm;
        this.consent = consent;
        this.preview = preview;
        this.cases = cases;
        this.defenders = defenders;
        this.rows = rows;
        this.labels = labels;
    }

    // ---- addresses: the same steps for an attack and for a defender

    @GetMapping("/cases/{attackId}/consent")
    String attackForm(
            @PathVariable String attackId,
            @RequestParam(required = false) String done,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return form(attack(attackId), done, locale, model, response);
    }

    @PostMapping("/cases/{attackId}/consent")
    String attackPreview(
            @PathVariable String attackId,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return preview(attack(attackId), form, locale, model, response);
    }

    @PostMapping("/cases/{attackId}/consent/confirmation")
    String attackConfirm(
            @PathVariable String attackId,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return confirm(attack(attackId), form, locale, model, response);
    }

    @PostMapping("/cases/{attackId}/consent/revocation")
    String attackRevoke(
            @PathVariable String attackId,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return revoke(attack(attackId), form, locale, model, response);
    }

    @GetMapping("/defenders/{code}/consent")
    String defenderForm(
            @PathVariable String code,
            @RequestParam(required = false) String done,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return form(ConsentSubject.defender(code), done, locale, model, response);
    }

    @PostMapping("/defenders/{code}/consent")
    String defenderPreview(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return preview(ConsentSubject.defender(code), form, locale, model, response);
    }

    @PostMapping("/defenders/{code}/consent/confirmation")
    String defenderConfirm(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return confirm(ConsentSubject.defender(code), form, locale, model, response);
    }

    @PostMapping("/defenders/{code}/consent/revocation")
    String defenderRevoke(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        return revoke(ConsentSubject.defender(code), form, locale, model, response);
    }

    /**
     * The addresses the POSTs answer at, opened again (the language switch, a reload turned into a
     * GET): the consent page, in the language asked for. Nothing is sent by a GET.
     */
    @GetMapping({"/cases/{attackId}/consent/confirmation", "/cases/{attackId}/consent/revocation"})
    String attackAgain(@PathVariable String attackId) {
        return "redirect:" + address(attack(attackId));
    }

    @GetMapping({"/defenders/{code}/consent/confirmation", "/defenders/{code}/consent/revocation"})
    String defenderAgain(@PathVariable String code) {
        return "redirect:" + address(ConsentSubject.defender(code));
    }

    // ---- the steps

    private String form(ConsentSubject subject, String done, Locale locale, Model model, HttpServletResponse response) {
        if (!exists(subject)) {
            return missing(response, model, subject);
        }
        MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        if (isAttack(subject)) {
            values.add("sharingSummary", cases.withheld(subject.id()).sharingSummary());
        }
        model.addAttribute("done", "recorded".equals(done) || "revoked".equals(done) ? done : null);
        return renderForm(subject, values, Map.of(), locale, model);
    }

    private String preview(
            ConsentSubject subject,
            MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        if (!exists(subject)) {
            return missing(response, model, subject);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ConsentGrant grant = consentForm.check(subject, form, errors);
        if (!errors.isEmpty() || form.containsKey("edit")) {
            if (!errors.isEmpty()) {
                log.info("Consent page: refused {}", errors);
            }
            return renderForm(subject, form, errors, locale, model);
        }
        model.addAttribute("subject", subject);
        model.addAttribute("action", address(subject));
        model.addAttribute("values", values(form));
        model.addAttribute("scope", labels.option(SchemeName.CONSENT_SCOPE, grant.scope(), locale));
        EffectiveConsent.Proposal proposal =
                new EffectiveConsent.Proposal(subject, grant.sharingScope(), grant.publicName(), grant.publicSummary());
        List<Previewed> previewed = new ArrayList<>();
        int total;
        if (isAttack(subject)) {
            previewed.add(previewed(subject.id(), proposal, consentForm.summary(subject, form), locale));
            total = 1;
        } else {
            for (String attackId : consent.attacksNaming(subject.id(), PREVIEWED_ATTACKS)) {
                previewed.add(previewed(attackId, proposal, null, locale));
            }
            total = consent.countAttacksNaming(subject.id());
        }
        model.addAttribute("previews", previewed);
        model.addAttribute("more", Math.max(0, total - previewed.size()));
        return "consent-preview";
    }

    private String confirm(
            ConsentSubject subject,
            MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        if (!exists(subject)) {
            return missing(response, model, subject);
        }
        // Checked again: the confirmation carries the values back, and anything may have changed since.
        Map<String, String> errors = new LinkedHashMap<>();
        ConsentGrant grant = consentForm.check(subject, form, errors);
        if (errors.isEmpty()) {
            try {
                String summary = consentForm.summary(subject, form);
                if (summary != null) {
                    commands.sendAndWait(new WriteSharingSummaryCommand(subject.id(), summary));
                }
                commands.sendAndWait(new GrantConsentCommand(subject, grant));
                ReadYourWrites.awaitUntil(() -> consent.activeScope(subject)
                        .map(s -> s == grant.sharingScope())
                        .orElse(false));
                return DefenderPage.seeOther(response, address(subject) + "?done=recorded");
            } catch (RuntimeException e) {
                Rejection refused = ConsentForm.refusal(e);
                errors.put(
                        ConsentForm.field(refused),
                        PageRefusals.message("page.consent.error.", refused, ConsentForm.WORDED));
            }
        }
        log.info("Consent page: refused {}", errors);
        return renderForm(subject, form, errors, locale, model);
    }

    private String revoke(
            ConsentSubject subject,
            MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        if (!exists(subject)) {
            return missing(response, model, subject);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            commands.sendAndWait(
                    new RevokeConsentCommand(subject.consentId(), DefendersPage.one(form, "revocationReason")));
            ReadYourWrites.awaitUntil(() -> consent.activeScope(subject).isEmpty());
            return DefenderPage.seeOther(response, address(subject) + "?done=revoked");
        } catch (RuntimeException e) {
            Rejection refused = ConsentForm.refusal(e);
            errors.put(
                    "record.not-found".equals(refused.code()) || "consent.not-active".equals(refused.code())
                            ? "revocation"
                            : "revocationReason",
                    PageRefusals.message("page.consent.error.", refused, ConsentForm.WORDED));
        }
        log.info("Consent revocation page: refused {}", errors);
        MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        values.add("revocationReason", form.getFirst("revocationReason"));
        if (isAttack(subject)) {
            values.add("sharingSummary", cases.withheld(subject.id()).sharingSummary());
        }
        return renderForm(subject, values, errors, locale, model);
    }

    // ---- rendering

    /** One attack's preview: what would leave of it, and under which consent (its own or its defenders'). */
    record Previewed(String attackId, Labels.Option scope, String source, List<SharedViewRows.Row> rows) {}

    private Previewed previewed(String attackId, EffectiveConsent.Proposal proposal, String summary, Locale locale) {
        SharingPreviewView view = preview.preview(attackId, proposal, summary);
        return new Previewed(
                attackId,
                labels.option(SchemeName.CONSENT_SCOPE, view.scope(), locale),
                view.source(),
                rows.of(view.shared(), locale));
    }

    private String renderForm(
            ConsentSubject subject,
            MultiValueMap<String, String> form,
            Map<String, String> errors,
            Locale locale,
            Model model) {
        model.addAttribute("subject", subject);
        model.addAttribute("action", address(subject));
        model.addAttribute(
                "errors",
                DefenderPage.ordered(
                        new ArrayList<>(List.of(
                                "scope",
                                "basis",
                                "grantorKind",
                                "grantorName",
                                "grantedOn",
                                "expiresOn",
                                "publicName",
                                "publicSummary",
                                "sharingSummary",
                                "form",
                                "revocationReason",
                                "revocation")),
                        errors));
        Map<String, String> values = values(form);
        values.put(
                "revocationReason", form.getFirst("revocationReason") == null ? "" : form.getFirst("revocationReason"));
        model.addAttribute("values", values);
        model.addAttribute(
                "scopes", labels.all(SchemeName.CONSENT_SCOPE, nonNull(form.getFirst("scope")), true, locale));
        model.addAttribute(
                "bases", labels.all(SchemeName.CONSENT_BASIS, nonNull(form.getFirst("basis")), true, locale));
        model.addAttribute(
                "grantorKinds",
                labels.all(SchemeName.GRANTOR_KIND, nonNull(form.getFirst("grantorKind")), true, locale));
        if (isAttack(subject)) {
            EffectiveConsentView effective = consent.forAttack(subject.id());
            model.addAttribute("current", labels.option(SchemeName.CONSENT_SCOPE, effective.scope(), locale));
            model.addAttribute("currentSource", effective.source());
        } else {
            model.addAttribute(
                    "current",
                    labels.option(
                            SchemeName.CONSENT_SCOPE,
                            consent.activeScope(subject).map(SharingScope::code).orElse(SharingScope.NONE.code()),
                            locale));
            model.addAttribute("currentSource", consent.activeScope(subject).isPresent() ? "defender" : "default");
        }
        model.addAttribute("revocable", consent.activeScope(subject).isPresent());
        if (!model.containsAttribute("done")) {
            model.addAttribute("done", null);
        }
        return "consent";
    }

    private static Map<String, String> values(MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : VALUES) {
            values.put(name, form.getFirst(name) == null ? "" : form.getFirst(name));
        }
        return values;
    }

    private static List<String> nonNull(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private boolean exists(ConsentSubject subject) {
        if (isAttack(subject)) {
            try {
                cases.withheld(subject.id());
                return true;
            } catch (Rejection missing) {
                return false;
            }
        }
        return defenders.find(subject.id()).isPresent();
    }

    private static boolean isAttack(ConsentSubject subject) {
        return ConsentSubject.ATTACK.equals(subject.kind());
    }

    private static ConsentSubject attack(String attackId) {
        return ConsentSubject.attack(attackId);
    }

    static String address(ConsentSubject subject) {
        return UriComponentsBuilder.fromPath(isAttack(subject) ? "/cases/{id}/consent" : "/defenders/{id}/consent")
                .buildAndExpand(subject.id())
                .encode()
                .toUriString();
    }

    private static String missing(HttpServletResponse response, Model model, ConsentSubject subject) {
        return DefenderPage.missing(response, model, isAttack(subject) ? "case" : "defender");
    }
}
