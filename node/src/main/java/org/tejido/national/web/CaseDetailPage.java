package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackHistory;
import org.tejido.national.attack.Classification;
import org.tejido.national.cases.CaseReader;
import org.tejido.national.cases.CaseView;
import org.tejido.national.followup.FollowUpHistory;
import org.tejido.national.web.Labels.Option;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.security.PageAccess;
import org.tejido.vocabulary.SchemeName;

/**
 * One case for people: its facts and classification (labels in the page's language, codes
 * underneath), its follow-ups and its history. The identifying data (narrative, municipality) is not
 * on the page that opens: it comes only from a POST ("show identifying data", with the form's CSRF
 * token), answered through the same {@link CaseReader#read} as the API, which records the read in the
 * access log before unsealing anything. A POST so that no link, prefetch or history entry reads it,
 * and its answer is the page itself, never an address that holds it. From here a case is changed:
 * its facts corrected ({@link CorrectAttackPage}, opened by a POST for the same reason), its
 * classification ({@link ReclassifyAttackPage}), its follow-ups ({@link FollowUpPages}).
 */
@Controller
@Hidden // a page, not part of the API
class CaseDetailPage {
    private final CaseReader reader;
    private final AttackHistory history;
    private final FollowUpHistory followUps;
    private final Labels labels;
    private final PageAccess access;

    CaseDetailPage(
            CaseReader reader, AttackHistory history, FollowUpHistory followUps, Labels labels, PageAccess access) {
        this.reader = reader;
        this.history = history;
        this.followUps = followUps;
        this.labels = labels;
        this.access = access;
    }

    @GetMapping("/cases/{attackId}")
    String detail(@PathVariable String attackId, Locale locale, Model model, HttpServletResponse response) {
        CaseView view;
        try {
            view = reader.withheld(attackId);
        } catch (Rejection missing) {
            return missing(response, model);
        }
        return show(view, locale, model);
    }

    @PostMapping("/cases/{attackId}/identifying-data")
    String reveal(
            @PathVariable String attackId, Principal person, Locale locale, Model model, HttpServletResponse response) {
        CaseView view;
        try {
            view = reader.read(attackId, person);
        } catch (Rejection missing) {
            return missing(response, model);
        }
        return show(view, locale, model);
    }

    /**
     * The address of a page that showed identifying data, opened again (the language switch, a reload
     * turned into a GET, a copied address): the case without it. Showing it again takes the form again,
     * and another entry in the access log.
     */
    @GetMapping("/cases/{attackId}/identifying-data")
    String revealedAgain(@PathVariable String attackId) {
        return redirectToCase(attackId);
    }

    /** Back to the case's page by GET (the address encoded: it is whatever was in the address before). */
    static String redirectToCase(String attackId) {
        return "redirect:"
                + UriComponentsBuilder.fromPath("/cases/{id}")
                        .buildAndExpand(attackId)
                        .encode()
                        .toUriString();
    }

    /** A change made: 303 to the case's page, which shows it (a reload there sends nothing again). */
    static String seeCase(String attackId, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", "/cases/" + attackId);
        return null;
    }

    /** When the case's read model last changed; null when it has no such case (yet). */
    static Instant updatedAt(CaseReader reader, String attackId) {
        try {
            return reader.withheld(attackId).updatedAt();
        } catch (Rejection missing) {
            return null;
        }
    }

    static String missing(HttpServletResponse response, Model model) {
        // Not found and not an identifier answer alike: the address tells nothing more.
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("missing", true);
        return "case";
    }

    /** The case's parts, each code with its label. */
    record Shown(
            String attackId,
            String occurredOn,
            String precision,
            Option country,
            Option subdivision,
            Option targetKind,
            Option relationship,
            List<String> defenders,
            List<Option> types,
            List<Perpetrator> perpetrators,
            List<Option> rights,
            List<Option> genderElements,
            List<SourceShown> sources,
            Option status,
            String personalData,
            String municipality,
            String narrative,
            String sharingSummary,
            int corrections,
            String recordedAt,
            String updatedAt) {}

    record Perpetrator(Option perpetrator, Option involvement) {}

    record SourceShown(Option kind, Option reliability) {}

    record FollowUp(String followUpId, Option kind, Option status, String startedOn, String note) {}

    /** A line of the history; {@code by} null when the event does not say who (the page says so). */
    record Change(String kind, String at, String reason, List<String> changed, String by) {}

    private String show(CaseView view, Locale locale, Model model) {
        AttackFacts facts = view.facts();
        Classification c = view.classification();
        model.addAttribute(
                "attack",
                new Shown(
                        view.attackId(),
                        facts.occurredOn().toString(),
                        facts.occurredOn().precision().name().toLowerCase(Locale.ROOT),
                        labels.option(SchemeName.COUNTRY, facts.location().country(), locale),
                        labels.option(SchemeName.SUBDIVISION, facts.location().subdivision(), locale),
                        labels.option(SchemeName.TARGET_KIND, facts.target().kind(), locale),
                        labels.option(SchemeName.RELATIONSHIP, facts.target().relationship(), locale),
                        facts.target().defenders(),
                        labels.options(SchemeName.AGGRESSION_TYPE, c.aggressionTypes(), locale),
                        c.perpetrators().stream()
                                .map(p -> new Perpetrator(
                                        labels.option(SchemeName.PERPETRATOR, p.perpetrator(), locale),
                                        labels.option(SchemeName.INVOLVEMENT, p.involvement(), locale)))
                                .toList(),
                        labels.options(SchemeName.RIGHT_DEFENDED, c.rightsDefended(), locale),
                        labels.options(SchemeName.GENDER_ELEMENT, c.genderElements(), locale),
                        facts.sources().stream()
                                .map(s -> new SourceShown(
                                        labels.option(SchemeName.SOURCE_KIND, s.kind(), locale),
                                        labels.option(SchemeName.SOURCE_RELIABILITY, s.reliability(), locale)))
                                .toList(),
                        labels.option(SchemeName.VERIFICATION_STATUS, facts.verificationStatus(), locale),
                        view.personalData().name().toLowerCase(Locale.ROOT),
                        view.personalData() == CaseView.PersonalData.SHOWN
                                ? facts.location().municipality()
                                : null,
                        view.personalData() == CaseView.PersonalData.SHOWN ? facts.narrative() : null,
                        view.sharingSummary(),
                        view.corrections(),
                        minute(view.recordedAt()),
                        minute(view.updatedAt())));
        model.addAttribute(
                "followUps",
                view.followUps().stream()
                        .map(f -> new FollowUp(
                                f.followUpId(),
                                labels.option(SchemeName.FOLLOW_UP_KIND, f.kind(), locale),
                                labels.option(SchemeName.FOLLOW_UP_STATUS, f.status(), locale),
                                f.startedOn() == null ? null : f.startedOn().toString(),
                                f.note()))
                        .toList());
        model.addAttribute("changes", changes(view));
        // The consent page is the coordinator's: the link shows only to a role the table lets open it.
        model.addAttribute(
                "mayConsent",
                access.mayOpen(
                        SecurityContextHolder.getContext().getAuthentication(),
                        "/cases/" + view.attackId() + "/consent"));
        model.addAttribute("missing", false);
        return "case";
    }

    /**
     * Every event of the case, its follow-ups' included, oldest first: the attack's own stream and each
     * follow-up's, merged by time (a stable sort keeps each stream's order for events of the same instant).
     */
    private List<Change> changes(CaseView view) {
        List<AttackHistory.Change> all = new ArrayList<>(history.changes(view.attackId()));
        view.followUps().forEach(f -> all.addAll(followUps.changes(f.followUpId())));
        all.sort(Comparator.comparing(AttackHistory.Change::at));
        return all.stream()
                .map(c -> new Change(c.kind(), minute(c.at()), c.reason(), c.changed(), c.by()))
                .toList();
    }

    /** UTC, to the minute: the time of a change as the history shows it. */
    private static String minute(Instant at) {
        return at == null
                ? null
                : at.atOffset(ZoneOffset.UTC).withSecond(0).withNano(0).toLocalDateTime() + " UTC";
    }
}
