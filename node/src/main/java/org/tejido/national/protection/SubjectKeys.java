package org.tejido.national.protection;

/**
 * Names of data keys: one per defender, one per attack. Erasing a defender destroys hers and those of
 * the attacks that name her.
 */
public final class SubjectKeys {
    private SubjectKeys() {}

    public static String defender(String code) {
        return "defender:" + code;
    }

    public static String attack(String attackId) {
        return "attack:" + attackId;
    }
}
