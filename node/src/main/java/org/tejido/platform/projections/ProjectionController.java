package org.tejido.platform.projections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Projections", description = "Running the node: read models, their replay and the events they parked.")
class ProjectionController {
    private final Projections projections;
    private final ParkedEvents parked;

    ProjectionController(Projections projections, ParkedEvents parked) {
        this.projections = projections;
        this.parked = parked;
    }

    @Operation(
            operationId = "listProjections",
            summary = "List the projections",
            description = "Every read model's progress against the head of the event store.")
    @ApiResponse(responseCode = "200", description = "The projections.")
    @GetMapping
    List<ProjectionStatusView> list() {
        return projections.statuses();
    }

    @Operation(operationId = "getProjection", summary = "Read a projection", description = "One read model's progress.")
    @ApiResponse(responseCode = "200", description = "The projection.")
    @ApiResponse(responseCode = "404", description = "No such projection. Codes: `projection.not-found`.")
    @GetMapping("/{name}")
    ProjectionStatusView one(@PathVariable String name) {
        return projections.status(name);
    }

    @Operation(
            summary = "Replay a projection",
            description = "Rebuilds a read model from the event store; it runs on after the answer.")
    @ApiResponse(responseCode = "202", description = "Started; the projection as it stands.")
    @ApiResponse(responseCode = "404", description = "No such projection. Codes: `projection.not-found`.")
    @ApiResponse(
            responseCode = "409",
            description = "Busy with another operation, or cannot be replayed. Codes: `projection.busy`,"
                    + " `projection.not-resettable`.")
    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionStatusView> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(projections.replay(name));
    }

    @Operation(
            summary = "List parked events",
            description = "The events a read model failed on and set aside, without their content.")
    @ApiResponse(responseCode = "200", description = "The parked events.")
    @ApiResponse(responseCode = "404", description = "No such projection. Codes: `projection.not-found`.")
    @ApiResponse(
            responseCode = "409",
            description = "The projection stops on a failing event instead of parking it. Codes:"
                    + " `projection.no-dead-letters`.")
    @GetMapping("/{name}/dead-letters")
    ParkedEventsView deadLetters(@PathVariable String name) {
        return parked.list(name);
    }

    @Operation(
            summary = "Retry every parked event",
            description = "Hands every parked event to its read model again, in order.")
    @ApiResponse(responseCode = "200", description = "What the retry did.")
    @ApiResponse(responseCode = "404", description = "No such projection. Codes: `projection.not-found`.")
    @ApiResponse(
            responseCode = "409",
            description = "Busy, or it parks no events. Codes: `projection.busy`, `projection.no-dead-letters`.")
    @PostMapping("/{name}/dead-letters/retry")
    RetryOutcomeView retryAll(@PathVariable String name) {
        return parked.retryAll(name);
    }

    @Operation(
            summary = "Retry one parked event",
            description = "Hands one parked event (and those parked behind it) to its read model again.")
    @ApiResponse(responseCode = "200", description = "What the retry did.")
    @ApiResponse(
            responseCode = "404",
            description = "No such projection or parked event. Codes: `projection.not-found`, `dead-letter.not-found`.")
    @ApiResponse(
            responseCode = "409",
            description = "Busy, or it parks no events. Codes: `projection.busy`, `projection.no-dead-letters`.")
    @PostMapping("/{name}/dead-letters/{id}/retry")
    RetryOutcomeView retry(@PathVariable String name, @PathVariable String id) {
        return parked.retry(name, id);
    }

    @Operation(summary = "Drop a parked event", description = "Removes a parked event for good, unhandled.")
    @ApiResponse(responseCode = "204", description = "Dropped.")
    @ApiResponse(
            responseCode = "404",
            description = "No such projection or parked event. Codes: `projection.not-found`, `dead-letter.not-found`.")
    @ApiResponse(
            responseCode = "409",
            description = "Busy, or it parks no events. Codes: `projection.busy`, `projection.no-dead-letters`.")
    @DeleteMapping("/{name}/dead-letters/{id}")
    ResponseEntity<Void> drop(@PathVariable String name, @PathVariable String id) {
        parked.drop(name, id);
        return ResponseEntity.noContent().build();
    }
}
