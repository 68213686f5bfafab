package org.tejido.national.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.national.attack.Ids;
import org.tejido.national.attack.WriteSharingSummaryCommand;
import org.tejido.national.consent.ConsentGrant;
import org.tejido.national.consent.ConsentSubject;
import org.tejido.national.consent.EffectiveConsent;
import org.tejido.national.consent.EffectiveConsentView;
import org.tejido.national.consent.GrantConsentCommand;
import org.tejido.national.consent.RevokeConsentCommand;
import org.tejido.national.sharing.SharingPreview;
import org.tejido.national.sharing.SharingPreviewView;
import org.tejido.platform.problem.Rejection;

/**
 * Coordinators record what each defender consented to share (per defender, or per attack), take it
 * back, and see exactly what would leave the node under it.
 */
@RestController
@Tag(name = "Consent", description = "What each defender consented to share, and what would leave the node under it.")
class ConsentController {
    private final CommandGateway commands;
    private final EffectiveConsent effectiveConsent;
    private final SharingPreview sharingPreview;

    ConsentController(CommandGateway commands, EffectiveConsent effectiveConsent, SharingPreview sharingPreview) {
        this.commands = commands;
        this.effectiveConsent = effectiveConsent;
        this.sharingPreview = sharingPreview;
    }

    record RevocationRequest(String reason) {}

    record SharingSummaryRequest(String summary) {}

    @Operation(
            summary = "Record a defender's consent",
            description = "What she consented to share (scope), who granted it, on what basis, until when."
                    + " Replaces the consent she had.")
    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "404", description = "No such defender. Codes: `consent.subject-not-found`.")
    @ApiResponse(
            responseCode = "422",
            description = "The consent breaks a rule. Codes: `consent.subject-mismatch`, "
                    + "`consent.expiry-in-past`, `consent.public-details-need-public-scope`, "
                    + "`field.required`, `field.too-long`, `field.nul-character`, `date.future`, "
                    + "`vocabulary.unknown-code`.")
    @PutMapping("/api/defenders/{code}/consent")
    ResponseEntity<Void> grantForDefender(@PathVariable String code, @RequestBody ConsentGrant grant) {
        commands.sendAndWait(new GrantConsentCommand(ConsentSubject.defender(code), grant));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Revoke a defender's consent",
            description = "Takes her consent back: what was shared under it is retracted everywhere it went.")
    @ApiResponse(responseCode = "204", description = "Revoked.")
    @ApiResponse(responseCode = "404", description = "She never consented. Codes: `record.not-found`.")
    @ApiResponse(responseCode = "409", description = "Already revoked. Codes: `consent.not-active`.")
    @ApiResponse(responseCode = "422", description = "The reason is too long. Codes: `field.too-long`.")
    @PostMapping("/api/defenders/{code}/consent/revocation")
    ResponseEntity<Void> revokeForDefender(@PathVariable String code, @RequestBody RevocationRequest request) {
        commands.sendAndWait(
                new RevokeConsentCommand(ConsentSubject.defender(code).consentId(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Record consent for one attack",
            description = "Consent for this attack only, overriding that of its defenders.")
    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No such attack. Codes: `consent.subject-not-found`.")
    @ApiResponse(
            responseCode = "422",
            description = "The consent breaks a rule. Codes: `consent.subject-mismatch`, "
                    + "`consent.expiry-in-past`, `consent.public-details-need-public-scope`, "
                    + "`field.required`, `field.too-long`, `field.nul-character`, `date.future`, "
                    + "`vocabulary.unknown-code`.")
    @PutMapping("/api/attacks/{attackId}/consent")
    ResponseEntity<Void> grantForAttack(@PathVariable String attackId, @RequestBody ConsentGrant grant) {
        commands.sendAndWait(new GrantConsentCommand(ConsentSubject.attack(attackId(attackId)), grant));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Revoke consent for one attack",
            description = "Takes the attack's own consent back: what was shared under it is retracted.")
    @ApiResponse(responseCode = "204", description = "Revoked.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No consent for this attack. Codes: `record.not-found`.")
    @ApiResponse(responseCode = "409", description = "Already revoked. Codes: `consent.not-active`.")
    @ApiResponse(responseCode = "422", description = "The reason is too long. Codes: `field.too-long`.")
    @PostMapping("/api/attacks/{attackId}/consent/revocation")
    ResponseEntity<Void> revokeForAttack(@PathVariable String attackId, @RequestBody RevocationRequest request) {
        commands.sendAndWait(new RevokeConsentCommand(
                ConsentSubject.attack(attackId(attackId)).consentId(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Read an attack's effective consent",
            description = "The consent that decides what of this attack leaves the node: its own, else the"
                    + " most restrictive of its defenders', else none.")
    @ApiResponse(responseCode = "200", description = "The effective consent.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @GetMapping("/api/attacks/{attackId}/consent")
    EffectiveConsentView effective(@PathVariable String attackId) {
        return effectiveConsent.forAttack(attackId(attackId));
    }

    @Operation(
            summary = "Write an attack's sharing summary",
            description = "The short text that may be shared in place of the narrative, when consent allows.")
    @ApiResponse(responseCode = "204", description = "Written.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No such attack. Codes: `record.not-found`.")
    @ApiResponse(
            responseCode = "422",
            description = "The summary breaks a rule, or changes nothing. Codes: `attack.no-change`,"
                    + " `field.too-long`, `field.nul-character`.")
    @PutMapping("/api/attacks/{attackId}/sharing-summary")
    ResponseEntity<Void> writeSharingSummary(
            @PathVariable String attackId, @RequestBody SharingSummaryRequest request) {
        commands.sendAndWait(new WriteSharingSummaryCommand(attackId(attackId), request.summary()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Preview what would be shared of an attack",
            description = "Exactly what would leave the node under the attack's effective consent (nothing when"
                    + " its scope is `none`).")
    @ApiResponse(responseCode = "200", description = "What would be shared.")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID. Codes: `request.invalid-id`.")
    @ApiResponse(responseCode = "404", description = "No such attack. Codes: `attack.not-found`.")
    @GetMapping("/api/attacks/{attackId}/shared-view")
    SharingPreviewView sharedView(@PathVariable String attackId) {
        return sharingPreview.preview(attackId(attackId));
    }

    /**
     * An attack id from the path, refused at once when it is not a UUID: it can name no attack, and
     * what was typed instead goes neither into the answer nor into the log.
     */
    private static String attackId(String attackId) {
        if (!Ids.isUuid(attackId)) {
            throw Rejection.malformed("request.invalid-id", "attackId");
        }
        return attackId;
    }
}
