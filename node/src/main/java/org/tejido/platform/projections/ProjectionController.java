package org.tejido.platform.projections;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: watch the projections and rebuild one from the event store. */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionController {
    private final Projections projections;

    ProjectionController(Projections projections) {
        this.projections = projections;
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
}
