package org.tejido.national.accesslog;

import java.security.Principal;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Records every read of identifying data as an event in the store, before the data is handed out: if
 * the entry cannot be written, the read fails.
 */
@Component
public class AccessLog {
    private final EventGateway events;

    AccessLog(EventGateway events) {
        this.events = events;
    }

    public void recordRead(Principal reader, String subjectKind, String subjectId) {
        String name = reader == null ? "anonymous" : reader.getName();
        String role = reader instanceof Authentication auth
                ? auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .map(authority -> authority.startsWith("ROLE_") ? authority.substring(5) : authority)
                        .sorted()
                        .findFirst()
                        .orElse("none")
                : "none";
        events.publish(new IdentifyingDataReadEvent(name, role, subjectKind, subjectId));
    }
}
