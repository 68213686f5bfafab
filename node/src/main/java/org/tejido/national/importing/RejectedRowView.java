package org.tejido.national.importing;

/**
 * A refused row: its physical line in the file (the header is line 1), the stable problem code and the
 * reason in the language of the request.
 */
public record RejectedRowView(long line, String code, String message) {}
