package org.tejido.national.web;

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

    @PutMapping("/api/defenders/{code}/consent")
    ResponseEntity<Void> grantForDefender(@PathVariable String code, @RequestBody ConsentGrant grant) {
        commands.sendAndWait(new GrantConsentCommand(ConsentSubject.defender(code), grant));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/defenders/{code}/consent/revocation")
    ResponseEntity<Void> revokeForDefender(@PathVariable String code, @RequestBody RevocationRequest request) {
        commands.sendAndWait(
                new RevokeConsentCommand(ConsentSubject.defender(code).consentId(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/attacks/{attackId}/consent")
    ResponseEntity<Void> grantForAttack(@PathVariable String attackId, @RequestBody ConsentGrant grant) {
        commands.sendAndWait(new GrantConsentCommand(ConsentSubject.attack(attackId(attackId)), grant));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/attacks/{attackId}/consent/revocation")
    ResponseEntity<Void> revokeForAttack(@PathVariable String attackId, @RequestBody RevocationRequest request) {
        commands.sendAndWait(new RevokeConsentCommand(
                ConsentSubject.attack(attackId(attackId)).consentId(), request.reason()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/attacks/{attackId}/consent")
    EffectiveConsentView effective(@PathVariable String attackId) {
        return effectiveConsent.forAttack(attackId(attackId));
    }

    @PutMapping("/api/attacks/{attackId}/sharing-summary")
    ResponseEntity<Void> writeSharingSummary(
            @PathVariable String attackId, @RequestBody SharingSummaryRequest request) {
        commands.sendAndWait(new WriteSharingSummaryCommand(attackId(attackId), request.summary()));
        return ResponseEntity.noContent().build();
    }

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
