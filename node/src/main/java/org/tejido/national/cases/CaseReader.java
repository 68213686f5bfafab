package org.tejido.national.cases;

import java.security.Principal;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.tejido.national.accesslog.AccessLog;
import org.tejido.national.attack.AttackPersonalData;
import org.tejido.national.protection.Protector;
import org.tejido.national.protection.Sealed;
import org.tejido.platform.problem.Rejection;

/**
 * A case as a registrar reads it: the facts with the personal data unsealed, the read recorded in the
 * access log first. An erased case shows that it was erased, nothing more.
 */
@Component
public class CaseReader {
    private final QueryGateway queries;
    private final CaseQueries cases;
    private final Protector protector;
    private final AccessLog accessLog;

    CaseReader(QueryGateway queries, CaseQueries cases, Protector protector, AccessLog accessLog) {
        this.queries = queries;
        this.cases = cases;
        this.protector = protector;
        this.accessLog = accessLog;
    }

    public CaseView read(String attackId, Principal reader) {
        CaseView view = queries.query(new FindCaseQuery(attackId), ResponseTypes.optionalInstanceOf(CaseView.class))
                .join()
                .orElseThrow(() -> Rejection.notFound("attack.not-found", attackId));
        Optional<Sealed> sealed = cases.personalOf(attackId);
        if (sealed.isEmpty()) {
            return view.with(view.facts(), CaseView.PersonalData.ERASED);
        }
        accessLog.recordRead(reader, "attack", attackId);
        return protector
                .open(sealed.get(), AttackPersonalData.class)
                .map(personal -> view.with(view.facts().withPersonalData(personal), CaseView.PersonalData.SHOWN))
                .orElseGet(() -> view.with(view.facts(), CaseView.PersonalData.ERASED));
    }
}
