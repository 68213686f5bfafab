package org.tejido.national.accesslog;

import org.axonframework.serialization.Revision;

/**
 * Someone read identifying data: who (user name and role), which record (subject kind and id). When
 * is the event's own timestamp. Never carries the data itself.
 */
@Revision("1")
public record IdentifyingDataReadEvent(String reader, String role, String subjectKind, String subjectId) {}
