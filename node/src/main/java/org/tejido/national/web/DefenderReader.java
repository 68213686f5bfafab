package org.tejido.national.web;

import java.security.Principal;
import org.springframework.stereotype.Component;
import org.tejido.national.accesslog.AccessLog;
import org.tejido.national.defender.DefenderProjection;
import org.tejido.national.defender.DefenderView;
import org.tejido.national.defender.IdentifyingData;
import org.tejido.national.protection.Protector;
import org.tejido.platform.problem.Rejection;

/**
 * A defender as GET /api/defenders/{code} and her page both read her: the profile alone, or with her
 * identity unsealed after the read is recorded in the access log. One reader for both, so the page
 * cannot show her identity without the entry the API would make.
 */
@Component
class DefenderReader {
    private final DefenderProjection defenders;
    private final Protector protector;
    private final AccessLog accessLog;

    DefenderReader(DefenderProjection defenders, Protector protector, AccessLog accessLog) {
        this.defenders = defenders;
        this.protector = protector;
        this.accessLog = accessLog;
    }

    /** Her profile, without her identity, and no entry in the access log. */
    DefenderView withheld(String code) {
        return defenders.find(code).orElseThrow(() -> Rejection.notFound("defender.not-found", code));
    }

    /** Her profile and her identity (null when none was recorded or she was erased); the read is logged. */
    DefenderView read(String code, Principal reader) {
        DefenderView view = withheld(code);
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
}
