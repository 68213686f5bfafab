package org.tejido.platform.projections;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.tejido.platform.problem.Rejection;

/**
 * The projections for admins: each read model's progress and parked events, as
 * GET /api/admin/projections gives them, and a replay per projection through the same
 * {@link Projections#replay} as the API, so one-at-a-time and "cannot be replayed" are its rules. A
 * replay is a POST whose button the page explains first; on success the page is opened again
 * (POST-redirect-GET), so reloading it does not replay a second time.
 */
@Controller
@Hidden // a page, not part of the API
class ProjectionsPage {
    private static final Logger log = LoggerFactory.getLogger(ProjectionsPage.class);

    private final Projections projections;

    ProjectionsPage(Projections projections) {
        this.projections = projections;
    }

    @GetMapping("/admin/projections")
    String list(
            @RequestParam(required = false) String replayed,
            @RequestParam(required = false) String refused,
            @RequestParam(required = false) String projection,
            Model model) {
        // Only names of this node's projections and codes of the page's own are said back: anything
        // else in the address is ignored, so a link cannot make the page say something else.
        String started = known(replayed);
        String error = refused == null ? null : ERRORS.get("projection." + refused);
        String about = known(projection);
        if (error != null && about == null) {
            error = "page.projections.error.not-found";
        }
        return render(started, about, error, model);
    }

    /**
     * A replay, answered by opening the list again (302, as the table's other redirects), saying that
     * it began or why it was refused: the result has an address of its own, so the language switch and
     * a reload never send the POST again.
     */
    @PostMapping("/admin/projections/{name}/replay")
    String replay(@PathVariable String name) {
        UriComponentsBuilder list = UriComponentsBuilder.fromPath("/admin/projections");
        try {
            projections.replay(name);
            list.queryParam("replayed", name);
        } catch (Rejection refused) {
            log.info("Projections page: replay refused with {}", refused.code());
            String code = ERRORS.containsKey(refused.code()) ? refused.code() : "projection.other";
            list.queryParam("refused", code.substring("projection.".length()));
            if (known(name) != null) {
                list.queryParam("projection", name);
            }
        }
        return "redirect:" + list.encode().build().toUriString();
    }

    private String known(String name) {
        return name != null
                        && projections.statuses().stream()
                                .anyMatch(p -> p.name().equals(name))
                ? name
                : null;
    }

    private String render(String started, String refusedName, String error, Model model) {
        model.addAttribute(
                "projections",
                projections.statuses().stream()
                        .map(p -> new Row(p, projections.replayable(p.name())))
                        .toList());
        model.addAttribute("started", started);
        model.addAttribute("refusedName", refusedName);
        model.addAttribute("error", error);
        return "projections";
    }

    /** A projection as listed, and whether it offers a replay. */
    record Row(ProjectionStatusView status, boolean replayable) {}

    private static final Map<String, String> ERRORS = Map.of(
            "projection.busy", "page.projections.error.busy",
            "projection.not-resettable", "page.projections.error.not-resettable",
            "projection.not-found", "page.projections.error.not-found",
            "projection.other", "page.projections.error.other");
}
