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
    String list(@RequestParam(required = false) String replayed, Model model) {
        // Only a name of this node's projections is said back; anything else in the address is ignored.
        String started = replayed != null
                        && projections.statuses().stream()
                                .anyMatch(p -> p.name().equals(replayed))
                ? replayed
                : null;
        return render(started, null, null, model);
    }

    @PostMapping("/admin/projections/{name}/replay")
    String replay(@PathVariable String name, Model model) {
        try {
            projections.replay(name);
            // 302, as the table's other redirects: the list again, saying the replay began.
            return "redirect:"
                    + UriComponentsBuilder.fromPath("/admin/projections")
                            .queryParam("replayed", name)
                            .encode()
                            .build()
                            .toUriString();
        } catch (Rejection refused) {
            log.info("Projections page: replay refused with {}", refused.code());
            String known =
                    projections.statuses().stream().anyMatch(p -> p.name().equals(name)) ? name : null;
            return render(null, known, errorKey(refused.code()), model);
        }
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
            "projection.not-found", "page.projections.error.not-found");

    static String errorKey(String code) {
        return ERRORS.getOrDefault(code, "page.projections.error.other");
    }
}
