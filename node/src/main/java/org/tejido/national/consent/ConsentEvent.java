package org.tejido.national.consent;

public sealed interface ConsentEvent permits ConsentGrantedEvent, ConsentRevokedEvent, ConsentExpiredEvent {
    String consentId();

    ConsentSubject subject();
}
