package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Defenders", description = "Defenders under pseudonymous codes; identifying data kept apart, encrypted.")
class DefenderController {
    private final CommandGateway commands;

    DefenderController(CommandGateway commands) {
        this.commands = commands;
    }

    record RegisterDefenderRequest(String code, String country, String subdivision, DefenderProfile profile) {}

    record CorrectProfileRequest(String country, String subdivision, DefenderProfile profile, String reason) {}

    @Operation(
            summary = "Register a defender",
            description = "Registers a defender under a pseudonymous code (never a name), with her country,"
                    + " subdivision and profile.")
    @ApiResponse(responseCode = "201", description = "Registered.")
    @ApiResponse(responseCode = "409", description = "The code is taken. Codes: `record.already-exists`.")
    @ApiResponse(
            responseCode = "422",
            description = "The defender breaks a rule. Codes: `defender.code-malformed`, `field.required`, "
                    + "`field.too-long`, `field.too-many`, `field.nul-character`, "
                    + "`defender.code-country-mismatch`, `location.subdivision-outside-country`, "
                    + "`vocabulary.unknown-code`, `vocabulary.retired-code`.")
    @PostMapping
    ResponseEntity<Map<String, String>> register(@RequestBody RegisterDefenderRequest request) {
        commands.sendAndWait(new RegisterDefenderCommand(
                request.code(), request.country(), request.subdivision(), request.profile()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("code", request.code()));
    }

    @Operation(
            summary = "Correct a defender's profile",
            description = "Replaces her country, subdivision and profile, with the reason.")
    @ApiResponse(responseCode = "204", description = "Corrected.")
    @ApiResponse(responseCode = "404", description = "No such defender. Codes: `record.not-found`.")
    @ApiResponse(responseCode = "409", description = "She has been forgotten. Codes: `defender.erased`.")
    @ApiResponse(
            responseCode = "422",
            description = "The profile breaks a rule, or changes nothing. Codes: `defender.no-change`, "
                    + "`field.required`, `field.too-long`, `field.too-many`, `field.nul-character`, "
                    + "`defender.code-country-mismatch`, `location.subdivision-outside-country`, "
                    + "`vocabulary.unknown-code`, `vocabulary.retired-code`.")
    @PostMapping("/{code}/profile-corrections")
    ResponseEntity<Void> correctProfile(@PathVariable String code, @RequestBody CorrectProfileRequest request) {
        commands.sendAndWait(new CorrectDefenderProfileCommand(
                code, request.country(), request.subdivision(), request.profile(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Record a defender's identifying data",
            description = "Names, contacts and addresses: encrypted at rest, never federated, erasable.")
    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "404", description = "No such defender. Codes: `record.not-found`.")
    @ApiResponse(responseCode = "409", description = "She has been forgotten. Codes: `defender.erased`.")
    @ApiResponse(
            responseCode = "422",
            description = "The data breaks a rule. Codes: `field.required`, `field.too-long`, `field.too-many`,"
                    + " `field.nul-character`.")
    @PutMapping("/{code}/identity")
    ResponseEntity<Void> recordIdentity(@PathVariable String code, @RequestBody IdentifyingData identity) {
        commands.sendAndWait(new RecordDefenderIdentityCommand(code, identity));
        return ResponseEntity.noContent().build();
    }
}
