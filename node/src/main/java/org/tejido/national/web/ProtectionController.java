package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.national.accesslog.AccessEntryView;
import org.tejido.national.accesslog.ListAccessLogQuery;
import org.tejido.national.defender.DefenderView;
import org.tejido.national.defender.EraseDefenderCommand;
import org.tejido.platform.problem.Rejection;

/** Coordinators: read a defender's identity (logged), forget a defender, read the access log. */
@RestController
@Tag(name = "Defenders")
class ProtectionController {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DefenderReader reader;

    ProtectionController(CommandGateway commands, QueryGateway queries, DefenderReader reader) {
        this.commands = commands;
        this.queries = queries;
        this.reader = reader;
    }

    record ErasureRequest(String reason) {}

    @Operation(
            summary = "Read a defender",
            description = "Her profile; her identifying data only with `identity=true`, and that read is"
                    + " logged (/api/access-log).")
    @ApiResponse(responseCode = "200", description = "The defender.")
    @ApiResponse(responseCode = "404", description = "No such defender. Codes: `defender.not-found`.")
    @GetMapping("/api/defenders/{code}")
    DefenderView defender(
            @PathVariable String code, @RequestParam(defaultValue = "false") boolean identity, Principal person) {
        return identity ? reader.read(code, person) : reader.withheld(code);
    }

    @Operation(
            summary = "Forget a defender",
            description = "Erases her identifying data and the personal data of her attacks, everywhere; the"
                    + " signed log still verifies.")
    @ApiResponse(responseCode = "204", description = "Forgotten.")
    @ApiResponse(responseCode = "404", description = "No such defender. Codes: `record.not-found`.")
    @ApiResponse(responseCode = "409", description = "Already forgotten. Codes: `defender.erased`.")
    @ApiResponse(
            responseCode = "422",
            description = "The reason breaks a rule. Codes: `field.required`, `field.too-long`, `field.nul-character`.")
    @PostMapping("/api/defenders/{code}/erasure")
    ResponseEntity<Void> erase(@PathVariable String code, @RequestBody ErasureRequest request) {
        commands.sendAndWait(new EraseDefenderCommand(code, request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Read the access log",
            description = "Who read which identifying data, and when, newest first.")
    @ApiResponse(responseCode = "200", description = "The entries.")
    @ApiResponse(responseCode = "422", description = "A limit out of range. Codes: `request.paging`.")
    @GetMapping("/api/access-log")
    List<AccessEntryView> accessLog(
            @RequestParam(required = false) String subjectKind,
            @RequestParam(required = false) String subjectId,
            @RequestParam(required = false) String reader,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw Rejection.invalid("request.paging", "0", String.valueOf(limit));
        }
        return queries.query(
                        new ListAccessLogQuery(subjectKind, subjectId, reader, limit),
                        ResponseTypes.multipleInstancesOf(AccessEntryView.class))
                .join();
    }
}
