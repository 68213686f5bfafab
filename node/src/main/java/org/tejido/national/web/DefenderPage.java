package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.tejido.national.consent.ConsentSubject;
import org.tejido.national.consent.EffectiveConsent;
import org.tejido.national.defender.CorrectDefenderProfileCommand;
import org.tejido.national.defender.DefenderProfile;
import org.tejido.national.defender.DefenderProjection;
import org.tejido.national.defender.DefenderView;
import org.tejido.national.defender.IdentifyingData;
import org.tejido.national.defender.RecordDefenderIdentityCommand;
import org.tejido.national.web.Labels.Option;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.security.PageAccess;
import org.tejido.vocabulary.SchemeName;

/**
 * A defender's page: her non-identifying profile. Her identity (name, contacts, address) only after a
 * POST ("show identifying data", with the form's CSRF token) answered through the same
 * {@link DefenderReader#read} as GET /api/defenders/{code}?identity=true, which records the read in the
 * access log before unsealing anything; the answer is this page, never an address that holds it. From
 * here: record her identity and correct her profile (the same commands as the API's), and for
 * coordinators her consent and her erasure.
 */
@Controller
@Hidden // a page, not part of the API
class DefenderPage {
    private static final Logger log = LoggerFactory.getLogger(DefenderPage.class);

    static final List<String> IDENTITY_FIELDS = List.of("fullName", "contacts", "exactAddress", "form");
    static final List<String> PROFILE_FIELDS = List.of("country", "subdivision", "kind", "rights", "reason", "form");

    private final DefenderReader reader;
    private final DefenderProjection defenders;
    private final EffectiveConsent consent;
    private final CommandGateway commands;
    private final PageAccess access;
    private final Labels labels;

    DefenderPage(
            DefenderReader reader,
            DefenderProjection defenders,
            EffectiveConsent consent,
            CommandGateway commands,
            PageAccess access,
            Labels labels) {
        this.reader = reader;
        this.defenders = defenders;
        this.consent = consent;
        this.commands = commands;
        this.access = access;
        this.labels = labels;
    }

    /** Her page's address, the code encoded as a path segment. */
    static String address(String code) {
        return UriComponentsBuilder.fromPath("/defenders/{code}")
                .buildAndExpand(code)
                .encode()
                .toUriString();
    }

    @GetMapping("/defenders/{code}")
    String page(
            @PathVariable String code,
            Authentication person,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        DefenderView view;
        try {
            view = reader.withheld(code);
        } catch (Rejection missing) {
            return missing(response, model, "defender");
        }
        return show(view, defenders.sealedIdentity(code).isPresent() ? "withheld" : "none", person, locale, model);
    }

    @PostMapping("/defenders/{code}/identifying-data")
    String reveal(
            @PathVariable String code,
            Authentication person,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        DefenderView view;
        try {
            view = reader.read(code, person);
        } catch (Rejection missing) {
            return missing(response, model, "defender");
        }
        return show(view, view.identity() == null ? "none" : "shown", person, locale, model);
    }

    /**
     * The address of the page that showed her identity, opened again (the language switch, a reload
     * turned into a GET): her page without it. Showing it again takes the form again, and another entry.
     */
    @GetMapping("/defenders/{code}/identifying-data")
    String revealedAgain(@PathVariable String code) {
        return "redirect:" + address(code);
    }

    @GetMapping("/defenders/{code}/identity")
    String identityForm(@PathVariable String code, Model model, HttpServletResponse response) {
        if (defenders.find(code).isEmpty()) {
            return missing(response, model, "defender");
        }
        return renderIdentity(code, new LinkedMultiValueMap<>(), Map.of(), model);
    }

    @PostMapping("/defenders/{code}/identity")
    String recordIdentity(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        if (defenders.find(code).isEmpty()) {
            return missing(response, model, "defender");
        }
        List<String> contacts = new ArrayList<>();
        String typedContacts = form.getFirst("contacts");
        if (typedContacts != null) {
            typedContacts.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(contacts::add);
        }
        IdentifyingData identity = new IdentifyingData(
                DefendersPage.one(form, "fullName"), contacts, DefendersPage.one(form, "exactAddress"));
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            commands.sendAndWait(new RecordDefenderIdentityCommand(code, identity));
            ReadYourWrites.awaitUntil(() -> defenders.sealedIdentity(code).isPresent());
            return seeOther(response, address(code));
        } catch (RuntimeException e) {
            Rejection refused = refusal(e);
            errors.put(
                    identityField(refused),
                    PageRefusals.message("page.defender.error.", refused, DefendersPage.WORDED));
        }
        // By field and code only: what was typed here is who she is.
        log.info("Defender identity page: refused {}", errors);
        return renderIdentity(code, form, errors, model);
    }

    @GetMapping("/defenders/{code}/profile")
    String profileForm(@PathVariable String code, Locale locale, Model model, HttpServletResponse response) {
        DefenderView view;
        try {
            view = reader.withheld(code);
        } catch (Rejection missing) {
            return missing(response, model, "defender");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("country", view.country());
        form.add("subdivision", view.subdivision());
        form.add("kind", view.profile().kind());
        view.profile().rightsDefended().forEach(r -> form.add("rights", r));
        return renderProfile(code, form, Map.of(), locale, model);
    }

    @PostMapping("/defenders/{code}/profile")
    String correctProfile(
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form,
            Locale locale,
            Model model,
            HttpServletResponse response) {
        DefenderView before;
        try {
            before = reader.withheld(code);
        } catch (Rejection missing) {
            return missing(response, model, "defender");
        }
        CorrectDefenderProfileCommand command = new CorrectDefenderProfileCommand(
                code,
                DefendersPage.one(form, "country"),
                DefendersPage.one(form, "subdivision"),
                new DefenderProfile(DefendersPage.one(form, "kind"), DefendersPage.all(form, "rights")),
                DefendersPage.one(form, "reason"));
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            commands.sendAndWait(command);
            ReadYourWrites.awaitUntil(() -> defenders
                    .find(code)
                    .map(now -> !now.profile().equals(before.profile())
                            || !now.country().equals(before.country())
                            || !java.util.Objects.equals(now.subdivision(), before.subdivision()))
                    .orElse(true));
            return seeOther(response, address(code));
        } catch (RuntimeException e) {
            Rejection refused = refusal(e);
            String field = "defender.code-country-mismatch".equals(refused.code())
                    ? "country"
                    : DefendersPage.ProfileForm.field(refused, PageRefusals.about(refused));
            errors.put(field, PageRefusals.message("page.defender.error.", refused, DefendersPage.WORDED));
        }
        log.info("Defender profile page: refused {}", errors);
        return renderProfile(code, form, errors, locale, model);
    }

    private static Rejection refusal(RuntimeException e) {
        Rejection refused = PageRefusals.of(e);
        if (refused == null) {
            throw e;
        }
        return refused;
    }

    private static String identityField(Rejection refused) {
        return switch (PageRefusals.about(refused)) {
            case "identity.fullName" -> "fullName";
            case "identity.contacts" -> "contacts";
            case "identity.exactAddress" -> "exactAddress";
            default -> "form";
        };
    }

    private String renderIdentity(
            String code, MultiValueMap<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("errors", ordered(IDENTITY_FIELDS, errors));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("fullName", "contacts", "exactAddress")) {
            values.put(name, form.getFirst(name) == null ? "" : form.getFirst(name));
        }
        model.addAttribute("values", values);
        return "defender-identity";
    }

    private String renderProfile(
            String code, MultiValueMap<String, String> form, Map<String, String> errors, Locale locale, Model model) {
        model.addAttribute("errors", ordered(PROFILE_FIELDS, errors));
        model.addAttribute("code", code);
        model.addAttribute("correcting", true);
        model.addAttribute("action", address(code) + "/profile");
        model.addAttribute("reason", form.getFirst("reason") == null ? "" : form.getFirst("reason"));
        DefendersPage.ProfileForm.options(labels, form, locale, model);
        return "defender-form";
    }

    static Map<String, String> ordered(List<String> fields, Map<String, String> errors) {
        Map<String, String> ordered = new LinkedHashMap<>();
        fields.stream().filter(errors::containsKey).forEach(f -> ordered.put(f, errors.get(f)));
        return ordered;
    }

    static String seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
        return null;
    }

    /** {@code what}: {@code defender} or {@code case}, the thing the address does not lead to. */
    static String missing(HttpServletResponse response, Model model, String what) {
        // Not found and a code that cannot exist answer alike: the address tells nothing more.
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("what", what);
        return "not-found";
    }

    /** Her page's parts, each code with its label; identity is {@code withheld}, {@code shown} or {@code none}. */
    record Shown(
            String code,
            Option country,
            Option subdivision,
            Option kind,
            List<Option> rights,
            String erasedAt,
            Option consent,
            String identity,
            String fullName,
            List<String> contacts,
            String exactAddress) {}

    /** What this person may do from her page: the links the table would not refuse. */
    record Actions(boolean document, boolean consent, boolean erase) {}

    private String show(DefenderView view, String identity, Authentication person, Locale locale, Model model) {
        IdentifyingData data = "shown".equals(identity) ? view.identity() : null;
        String base = address(view.code());
        model.addAttribute(
                "defender",
                new Shown(
                        view.code(),
                        labels.option(SchemeName.COUNTRY, view.country(), locale),
                        labels.option(SchemeName.SUBDIVISION, view.subdivision(), locale),
                        labels.option(SchemeName.DEFENDER_KIND, view.profile().kind(), locale),
                        labels.options(SchemeName.RIGHT_DEFENDED, view.profile().rightsDefended(), locale),
                        view.erasedAt() == null
                                ? null
                                : view.erasedAt()
                                        .atOffset(ZoneOffset.UTC)
                                        .toLocalDate()
                                        .toString(),
                        labels.option(
                                SchemeName.CONSENT_SCOPE,
                                consent.activeScope(ConsentSubject.defender(view.code()))
                                        .map(s -> s.code())
                                        .orElse(null),
                                locale),
                        view.erasedAt() != null ? "erased" : identity,
                        data == null ? null : data.fullName(),
                        data == null ? List.of() : data.contacts(),
                        data == null ? null : data.exactAddress()));
        boolean active = view.erasedAt() == null;
        model.addAttribute(
                "actions",
                new Actions(
                        active && access.mayOpen(person, base + "/identity"),
                        active && access.mayOpen(person, base + "/consent"),
                        active && access.mayOpen(person, base + "/erasure")));
        return "defender";
    }
}
