package org.tejido.national.cases;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.tejido.national.accesslog.AccessLog;
import org.tejido.national.attack.AttackHistory;
import org.tejido.national.attack.AttackPersonalData;
import org.tejido.national.protection.Protector;
import org.tejido.platform.problem.Rejection;

/**
 * A case as a registrar reads it: the facts with the personal data unsealed, the read recorded in the
 * access log before anything unsealed is returned. An erased case shows that it was erased, nothing
 * more. The content and the sealed personal data come from the attack's event stream: the read model
 * keeps no copy of either (ADR 0018).
 */
@Component
public class CaseReader {
    private final CaseQueries cases;
    private final AttackHistory history;
    private final Protector protector;
    private final AccessLog accessLog;

    CaseReader(CaseQueries cases, AttackHistory history, Protector protector, AccessLog accessLog) {
        this.cases = cases;
        this.history = history;
        this.protector = protector;
        this.accessLog = accessLog;
    }

    public CaseView read(String attackId, Principal reader) {
        // The event stream is read once, for the content and for the sealed personal data alike.
        Optional<UUID> id = CaseQueries.parse(attackId);
        Optional<AttackHistory.Current> current = id.flatMap(uuid -> history.of(uuid.toString()));
        CaseView view = current.map(found -> cases.find(id.get(), found))
                .orElseThrow(() -> Rejection.notFound("attack.not-found", attackId));
        // Empty when recorded without any, or when erasure destroyed its key: either way nothing to show.
        Optional<AttackPersonalData> personal = protector.open(current.get().personal(), AttackPersonalData.class);
        if (personal.isEmpty()) {
            return view.with(view.facts(), CaseView.PersonalData.ERASED);
        }
        accessLog.recordRead(reader, "attack", attackId);
        return view.with(view.facts().withPersonalData(personal.get()), CaseView.PersonalData.SHOWN);
    }

    /**
     * The case without its personal data, and no entry in the access log: what a page shows before
     * anyone asks to see the identifying data. Its {@code personalData} is WITHHELD.
     */
    public CaseView withheld(String attackId) {
        Optional<UUID> id = CaseQueries.parse(attackId);
        return id.flatMap(uuid -> history.of(uuid.toString()))
                .map(found -> cases.find(id.get(), found))
                .orElseThrow(() -> Rejection.notFound("attack.not-found", attackId));
    }
}
