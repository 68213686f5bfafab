package org.tejido.national.consent;

import org.axonframework.serialization.Revision;

/** The consent is withdrawn; whatever it let out must be retracted everywhere it went. */
@Revision("1")
public record ConsentRevokedEvent(String consentId, ConsentSubject subject, String previousScope, String reason)
        implements ConsentEvent {}
