package org.tejido.platform.projections;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: watch the projections, rebuild one from the event store, and deal with the events a read
 * model parked because it failed on them (docs/operations.md).
 */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionController {
    private final Projections projections;
    private final ParkedEvents parked;

    ProjectionController(Projections projections, ParkedEvents parked) {
        this.projections = projections;
        this.parked = parked;
    }

    @GetMapping
    List<ProjectionStatusView> list() {
        return projections.statuses();
    }

    @GetMapping("/{name}")
    ProjectionStatusView one(@PathVariable String name) {
        return projections.status(name);
    }

    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionStatusView> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(projections.replay(name));
    }

    @GetMapping("/{name}/dead-letters")
    ParkedEventsView deadLetters(@PathVariable String name) {
        return parked.list(name);
    }

    @PostMapping("/{name}/dead-letters/retry")
    RetryOutcomeView retryAll(@PathVariable String name) {
        return parked.retryAll(name);
    }

    @PostMapping("/{name}/dead-letters/{id}/retry")
    RetryOutcomeView retry(@PathVariable String name, @PathVariable String id) {
        return parked.retry(name, id);
    }

    @DeleteMapping("/{name}/dead-letters/{id}")
    ResponseEntity<Void> drop(@PathVariable String name, @PathVariable String id) {
        parked.drop(name, id);
        return ResponseEntity.noContent().build();
    }
}
