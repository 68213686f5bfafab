package org.tejido.national.importing;

import java.util.List;

/**
 * The file as a whole cannot be read as an attack CSV (encoding, quoting, header): nothing in it can be
 * judged row by row, so the request is refused as malformed (400) instead of producing a report.
 *
 * <p>{@code Rejection} has no kind for "malformed" (its INVALID answers 422), hence this exception and the
 * handler beside {@link ImportController}.
 */
class MalformedImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<String> args;

    MalformedImportException(String code, String... args) {
        super(code + " " + String.join(" ", args), null, false, false);
        this.code = code;
        this.args = List.of(args);
    }

    String code() {
        return code;
    }

    List<String> args() {
        return args;
    }
}
