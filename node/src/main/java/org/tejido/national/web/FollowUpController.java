package org.tejido.national.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.national.followup.ChangeFollowUpStatusCommand;

@RestController
class FollowUpController {
    private final CommandGateway commands;

    FollowUpController(CommandGateway commands) {
        this.commands = commands;
    }

    record ChangeStatusRequest(String status, String note) {}

    @PostMapping("/api/follow-ups/{followUpId}/status-changes")
    ResponseEntity<Void> changeStatus(@PathVariable String followUpId, @RequestBody ChangeStatusRequest request) {
        commands.sendAndWait(new ChangeFollowUpStatusCommand(
                PathIds.uuid(followUpId, "followUpId"), request.status(), request.note()));
        return ResponseEntity.noContent().build();
    }
}
