package org.tejido.national.accesslog;

/** Reads of identifying data, newest first; filters are optional. */
public record ListAccessLogQuery(String subjectKind, String subjectId, String reader, int limit) {}
