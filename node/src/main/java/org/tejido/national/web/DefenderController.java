package org.tejido.national.web;

import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.national.defender.CorrectDefenderProfileCommand;
import org.tejido.national.defender.DefenderProfile;
import org.tejido.national.defender.IdentifyingData;
import org.tejido.national.defender.RecordDefenderIdentityCommand;
import org.tejido.national.defender.RegisterDefenderCommand;

/** Defenders are registered under a pseudonymous code; identifying data goes through its own endpoint. */
@RestController
@RequestMapping("/api/defenders")
class DefenderController {
    private final CommandGateway commands;

    DefenderController(CommandGateway commands) {
        this.commands = commands;
    }

    record RegisterDefenderRequest(String code, String country, String subdivision, DefenderProfile profile) {}

    record CorrectProfileRequest(String country, String subdivision, DefenderProfile profile, String reason) {}

    @PostMapping
    ResponseEntity<Map<String, String>> register(@RequestBody RegisterDefenderRequest request) {
        commands.sendAndWait(new RegisterDefenderCommand(
                request.code(), request.country(), request.subdivision(), request.profile()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("code", request.code()));
    }

    @PostMapping("/{code}/profile-corrections")
    ResponseEntity<Void> correctProfile(@PathVariable String code, @RequestBody CorrectProfileRequest request) {
        commands.sendAndWait(new CorrectDefenderProfileCommand(
                code, request.country(), request.subdivision(), request.profile(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{code}/identity")
    ResponseEntity<Void> recordIdentity(@PathVariable String code, @RequestBody IdentifyingData identity) {
        commands.sendAndWait(new RecordDefenderIdentityCommand(code, identity));
        return ResponseEntity.noContent().build();
    }
}
