package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.national.followup.ChangeFollowUpStatusCommand;

@RestController
@Tag(name = "Attacks")
class FollowUpController {
    private final CommandGateway commands;

    FollowUpController(CommandGateway commands) {
        this.commands = commands;
    }

    record ChangeStatusRequest(String status, String note) {}

    @Operation(
            summary = "Change a follow-up's status",
            description = "Moves a follow-up to another status (e.g. closed), with a note.")
    @ApiResponse(responseCode = "204", description = "Changed.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No such follow-up. Codes: `record.not-found`.")
    @ApiResponse(responseCode = "409", description = "The follow-up is closed. Codes: `follow-up.closed`.")
    @ApiResponse(
            responseCode = "422",
            description = "The change breaks a rule. Codes: `follow-up.status-unchanged`, `field.required`,"
                    + " `field.too-long`, `field.nul-character`, `vocabulary.unknown-code`, `vocabulary.retired-code`.")
    @PostMapping("/api/follow-ups/{followUpId}/status-changes")
    ResponseEntity<Void> changeStatus(@PathVariable String followUpId, @RequestBody ChangeStatusRequest request) {
        commands.sendAndWait(new ChangeFollowUpStatusCommand(
                PathIds.uuid(followUpId, "followUpId"), request.status(), request.note()));
        return ResponseEntity.noContent().build();
    }
}
