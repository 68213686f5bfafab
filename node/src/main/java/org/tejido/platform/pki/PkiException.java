package org.tejido.platform.pki;

import java.nio.file.Path;

/**
 * A federation key or certificate that cannot be created or used, with a stable code and the reason in
 * Spanish and in English. Messages name files and fingerprints only, never key material, because they
 * end up in logs and terminals.
 */
public final class PkiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String spanish;
    private final String english;

    PkiException(String code, String spanish, String english) {
        this(code, spanish, english, null);
    }

    PkiException(String code, String spanish, String english, Throwable cause) {
        super(code + ": " + english, cause);
        this.code = code;
        this.spanish = spanish;
        this.english = english;
    }

    /** Stable code, e.g. {@code pki.key-mismatch}. */
    public String code() {
        return code;
    }

    public String spanish() {
        return spanish;
    }

    public String english() {
        return english;
    }

    static PkiException missing(Path file) {
        return new PkiException(
                "pki.file-missing", "Falta el archivo " + file + ".", "The file " + file + " is missing.");
    }

    static PkiException unreadable(Path file, String what, Throwable cause) {
        return new PkiException(
                "pki.file-unreadable",
                "No se puede leer " + file + " como " + what + ".",
                "Cannot read " + file + " as " + what + ".",
                cause);
    }

    static PkiException exists(Path file) {
        return new PkiException(
                "pki.file-exists",
                "Ya existe " + file + ": no se sobrescribe una clave ni un certificado.",
                file + " already exists: keys and certificates are never overwritten.");
    }

    static PkiException readableByOthers(Path file) {
        return new PkiException(
                "pki.key-readable-by-others",
                "La clave privada " + file + " es legible por otros usuarios: chmod 600, o reemplácela si pudo"
                        + " filtrarse.",
                "The private key " + file + " is readable by other users: chmod 600 it, or replace it if it may"
                        + " have leaked.");
    }
}
