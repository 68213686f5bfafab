package org.tejido.national.cases;

import java.security.Principal;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.tejido.national.accesslog.AccessLog;
import org.tejido.national.attack.AttackHistory;
import org.tejido.national.attack.AttackPersonalData;
import org.tejido.national.protection.Protector;
import org.tejido.platform.problem.Rejection;

/**
 * A case as a registrar reads it: the facts with the personal data unsealed, the read recorded in the
 * access log before anything unsealed is returned. An erased case shows that it was erased, nothing
 * more. The sealed personal data comes from the attack's event stream: the read model keeps no copy of
 * it (ADR 0018).
 */
@Component
public class CaseReader {
    private final QueryGateway queries;
    private final AttackHistory history;
    private final Protector protector;
    private final AccessLog accessLog;

    CaseReader(QueryGateway queries, AttackHistory history, Protector protector, AccessLog accessLog) {
        this.queries = queries;
        this.history = history;
        this.protector = protector;
        this.accessLog = accessLog;
    }

    public CaseView read(String attackId, Principal reader) {
        CaseView view = queries.query(new FindCaseQuery(attackId), ResponseTypes.optionalInstanceOf(CaseView.class))
                .join()
                .orElseThrow(() -> Rejection.notFound("attack.not-found", attackId));
        // Empty when never recorded, or when erasure destroyed its key: either way nothing to show.
        Optional<AttackPersonalData> personal = history.of(attackId)
                .map(AttackHistory.Current::personal)
                .flatMap(value -> protector.open(value, AttackPersonalData.class));
        if (personal.isEmpty()) {
            return view.with(view.facts(), CaseView.PersonalData.ERASED);
        }
        accessLog.recordRead(reader, "attack", attackId);
        return view.with(view.facts().withPersonalData(personal.get()), CaseView.PersonalData.SHOWN);
    }
}
