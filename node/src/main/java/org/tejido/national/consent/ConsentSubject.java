package org.tejido.national.consent;

/**
 * Whom a consent is about: a defender (by pseudonymous code) or one attack (by id). An attack without
 * its own consent follows its defenders'.
 */
public record ConsentSubject(String kind, String id) {
    public static final String DEFENDER = "defender";
    public static final String ATTACK = "attack";

    public static ConsentSubject defender(String code) {
        return new ConsentSubject(DEFENDER, code);
    }

    public static ConsentSubject attack(String attackId) {
        return new ConsentSubject(ATTACK, attackId);
    }

    /** The identifier of the subject's consent aggregate. */
    public String consentId() {
        return "consent:" + kind + ":" + id;
    }
}
