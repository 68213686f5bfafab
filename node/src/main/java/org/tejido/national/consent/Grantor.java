package org.tejido.national.consent;

/**
 * Who gave the consent: the defender herself, or a named representative (family, legal
 * representative). The name is personal data: never logged.
 */
public record Grantor(String kind, String name) {
    @Override
    public String toString() {
        return "Grantor[" + kind + ", name redacted]";
    }
}
