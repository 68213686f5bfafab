package org.tejido.national.accesslog;

import java.time.Instant;

public record AccessEntryView(Instant at, String reader, String role, String subjectKind, String subjectId) {}
