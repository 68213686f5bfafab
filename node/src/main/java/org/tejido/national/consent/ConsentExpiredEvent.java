package org.tejido.national.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsentExpiredEvent(String consentId, ConsentSubject subject, String previousScope, Instant expiresAt)
        implements ConsentEvent {}
