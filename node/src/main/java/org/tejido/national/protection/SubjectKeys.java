package org.tejido.national.protection;

/**
 * Names of the data keys of subjects known before their first seal: a defender's is {@code
 * defender:<code>}. An attack's key is created ahead of use and named {@code key:<uuid>}; its sealed
 * data carries that name ({@link Sealed#keyId()}).
 */
public final class SubjectKeys {
    private SubjectKeys() {}

    public static String defender(String code) {
        return "defender:" + code;
    }
}
