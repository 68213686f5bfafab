package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.CorrectAttackCommand;
import org.tejido.national.attack.ReclassifyAttackCommand;
import org.tejido.national.attack.RecordAttackCommand;
import org.tejido.national.cases.CaseCursor;
import org.tejido.national.cases.CasePageView;
import org.tejido.national.cases.CaseReader;
import org.tejido.national.cases.CaseView;
import org.tejido.national.cases.ListCasesQuery;
import org.tejido.national.followup.OpenFollowUpCommand;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Vocabulary;

/** Registrars record, correct, list and read attacks, and open follow-ups on them. */
@RestController
@RequestMapping("/api/attacks")
@Tag(name = "Attacks", description = "Attacks recorded by the network, their corrections and follow-ups.")
class AttackController {
    static final int MAX_PAGE_SIZE = 100;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Vocabulary vocabulary;
    private final CaseReader caseReader;

    AttackController(CommandGateway commands, QueryGateway queries, Vocabulary vocabulary, CaseReader caseReader) {
        this.commands = commands;
        this.queries = queries;
        this.vocabulary = vocabulary;
        this.caseReader = caseReader;
    }

    record RecordAttackRequest(AttackFacts facts, Classification classification) {}

    record CorrectAttackRequest(AttackFacts facts, String reason) {}

    record ReclassifyAttackRequest(Classification classification, String reason) {}

    record OpenFollowUpRequest(String kind, String status, LocalDate startedOn, String note) {}

    @Operation(
            summary = "Record an attack",
            description = "Records an attack with its facts (target, date with its precision, place, sources,"
                    + " narrative) and its classification (codes of /api/vocabulary). Answers its new id.")
    @ApiResponse(responseCode = "201", description = "Recorded; `Location` is the attack's address.")
    @ApiResponse(
            responseCode = "422",
            description = "The attack breaks a rule of the registry. Codes: `field.required`, `field.too-long`, "
                    + "`field.too-many`, `field.nul-character`, `date.malformed`, `date.impossible`, "
                    + "`date.future`, `location.subdivision-outside-country`, "
                    + "`attack.aggression-type-required`, `attack.relationship-only-for-close-person`, "
                    + "`attack.unknown-defender`, `attack.duplicate-defender`, `vocabulary.unknown-code`, "
                    + "`vocabulary.retired-code`.")
    @PostMapping
    ResponseEntity<Map<String, String>> record(@RequestBody RecordAttackRequest request) {
        String attackId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordAttackCommand(attackId, request.facts(), request.classification()));
        return ResponseEntity.created(URI.create("/api/attacks/" + attackId)).body(Map.of("attackId", attackId));
    }

    @Operation(
            summary = "Correct an attack's facts",
            description = "Replaces the facts of an attack, with the reason; the history keeps every version.")
    @ApiResponse(responseCode = "204", description = "Corrected.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No such attack. Codes: `record.not-found`.")
    @ApiResponse(
            responseCode = "422",
            description = "The correction breaks a rule, or changes nothing. Codes: `attack.no-change`, "
                    + "`field.required`, `field.too-long`, `field.too-many`, `field.nul-character`, "
                    + "`date.malformed`, `date.impossible`, `date.future`, "
                    + "`location.subdivision-outside-country`, `attack.aggression-type-required`, "
                    + "`attack.relationship-only-for-close-person`, `attack.unknown-defender`, "
                    + "`attack.duplicate-defender`, `vocabulary.unknown-code`, `vocabulary.retired-code`.")
    @PostMapping("/{attackId}/corrections")
    ResponseEntity<Void> correct(@PathVariable String attackId, @RequestBody CorrectAttackRequest request) {
        commands.sendAndWait(
                new CorrectAttackCommand(PathIds.uuid(attackId, "attackId"), request.facts(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Reclassify an attack",
            description = "Replaces the classification of an attack (types, perpetrators, rights, gender-based"
                    + " elements), with the reason.")
    @ApiResponse(responseCode = "204", description = "Reclassified.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No such attack. Codes: `record.not-found`.")
    @ApiResponse(
            responseCode = "422",
            description = "The classification breaks a rule, or changes nothing. Codes: `attack.no-change`,"
                    + " `attack.aggression-type-required`, `field.required`, `field.too-long`, `field.too-many`,"
                    + " `field.nul-character`, `vocabulary.unknown-code`, `vocabulary.retired-code`.")
    @PostMapping("/{attackId}/reclassifications")
    ResponseEntity<Void> reclassify(@PathVariable String attackId, @RequestBody ReclassifyAttackRequest request) {
        commands.sendAndWait(new ReclassifyAttackCommand(
                PathIds.uuid(attackId, "attackId"), request.classification(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Open a follow-up on an attack",
            description = "Opens a follow-up (alert, accompaniment, support, relocation...) with its status."
                    + " Follow-ups are read with their attack.")
    @ApiResponse(responseCode = "201", description = "Opened; `Location` is the attack's address.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No such attack. Codes: `attack.not-found`.")
    @ApiResponse(
            responseCode = "422",
            description = "The follow-up breaks a rule. Codes: `field.required`, `field.too-long`,"
                    + " `field.nul-character`, `date.future`, `vocabulary.unknown-code`, `vocabulary.retired-code`.")
    @PostMapping("/{attackId}/follow-ups")
    ResponseEntity<Map<String, String>> openFollowUp(
            @PathVariable String attackId, @RequestBody OpenFollowUpRequest request) {
        PathIds.uuid(attackId, "attackId");
        String followUpId = UUID.randomUUID().toString();
        commands.sendAndWait(new OpenFollowUpCommand(
                followUpId, attackId, request.kind(), request.status(), request.startedOn(), request.note()));
        // Follow-ups are read with their attack: GET /api/attacks/{attackId}.
        return ResponseEntity.created(URI.create("/api/attacks/" + attackId)).body(Map.of("followUpId", followUpId));
    }

    @Operation(
            summary = "List attacks",
            description = "A page of attacks, newest first, filtered by date of the attack, type or group of"
                    + " aggression, subdivision and verification status (codes of /api/vocabulary). Paged by"
                    + " cursor: `next` of one page is `after` of the next; no page number, no total count (ADR"
                    + " 0031).")
    @ApiResponse(responseCode = "200", description = "A page of attacks, and the cursor of the next one.")
    @ApiResponse(
            responseCode = "400",
            description = "A cursor that is not one this node gave. Codes: `request.invalid-cursor`.")
    @ApiResponse(
            responseCode = "422",
            description = "A size out of range, or a filter naming an unknown code. Codes: `request.paging`,"
                    + " `vocabulary.unknown-code`.")
    @GetMapping
    CasePageView list(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String subdivision,
            @RequestParam(required = false) String status,
            @Parameter(
                            description = "Keyset paging (ADR 0031): the `next` of the previous page, sent with the"
                                    + " same filters; absent for the first page. Opaque; anything else is refused"
                                    + " (400 request.invalid-cursor). There is no page number and no total count.")
                    @RequestParam(required = false)
                    String after,
            @RequestParam(defaultValue = "20") int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Rejection.invalid("request.paging", "0", String.valueOf(size));
        }
        CaseCursor cursor = after == null ? null : CaseCursor.decode(after);
        known(SchemeName.AGGRESSION_TYPE, type);
        known(SchemeName.AGGRESSION_GROUP, group);
        known(SchemeName.SUBDIVISION, subdivision);
        known(SchemeName.VERIFICATION_STATUS, status);
        return queries.query(
                        new ListCasesQuery(from, to, type, group, subdivision, status, cursor, size),
                        ResponseTypes.instanceOf(CasePageView.class))
                .join();
    }

    @Operation(
            summary = "Read an attack",
            description = "An attack with its facts, classification and follow-ups. Its narrative and"
                    + " municipality are shown, erased, or withheld (`personalData`).")
    @ApiResponse(responseCode = "200", description = "The attack.")
    @ApiResponse(responseCode = "404", description = "No such attack. Codes: `attack.not-found`.")
    @GetMapping("/{attackId}")
    CaseView get(@PathVariable String attackId, Principal reader) {
        return caseReader.read(attackId, reader);
    }

    /** Filters may name retired codes (old records carry them) but never unknown ones. */
    private void known(SchemeName scheme, String code) {
        if (code != null && vocabulary.find(scheme, code).isEmpty()) {
            throw Rejection.invalid("vocabulary.unknown-code", scheme.id(), code);
        }
    }
}
