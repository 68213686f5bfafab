package org.tejido.national.web;

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
import org.tejido.national.accesslog.AccessLog;
import org.tejido.national.accesslog.ListAccessLogQuery;
import org.tejido.national.defender.DefenderProjection;
import org.tejido.national.defender.DefenderView;
import org.tejido.national.defender.EraseDefenderCommand;
import org.tejido.national.defender.IdentifyingData;
import org.tejido.national.protection.Protector;
import org.tejido.platform.problem.Rejection;

/** Coordinators: read a defender's identity (logged), forget a defender, read the access log. */
@RestController
class ProtectionController {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DefenderProjection defenders;
    private final Protector protector;
    private final AccessLog accessLog;

    ProtectionController(
            CommandGateway commands,
            QueryGateway queries,
            DefenderProjection defenders,
            Protector protector,
            AccessLog accessLog) {
        this.commands = commands;
        this.queries = queries;
        this.defenders = defenders;
        this.protector = protector;
        this.accessLog = accessLog;
    }

    record ErasureRequest(String reason) {}

    @GetMapping("/api/defenders/{code}")
    DefenderView defender(
            @PathVariable String code, @RequestParam(defaultValue = "false") boolean identity, Principal reader) {
        DefenderView view = defenders.find(code).orElseThrow(() -> Rejection.notFound("defender.not-found", code));
        if (!identity) {
            return view;
        }
        IdentifyingData opened = defenders
                .sealedIdentity(code)
                .flatMap(locked -> {
                    accessLog.recordRead(reader, "defender", code);
                    return protector.open(locked, IdentifyingData.class);
                })
                .orElse(null);
        return new DefenderView(
                view.code(), view.country(), view.subdivision(), view.profile(), opened, view.erasedAt());
    }

    @PostMapping("/api/defenders/{code}/erasure")
    ResponseEntity<Void> erase(@PathVariable String code, @RequestBody ErasureRequest request) {
        commands.sendAndWait(new EraseDefenderCommand(code, request.reason()));
        return ResponseEntity.noContent().build();
    }

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
