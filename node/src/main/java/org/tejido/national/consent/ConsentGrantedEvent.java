package org.tejido.national.consent;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsentGrantedEvent(String consentId, ConsentSubject subject, ConsentGrant grant)
        implements ConsentEvent {}
