package org.tejido.platform.security;

/** A user-management request that cannot be done, with the reason in Spanish and in English. */
public final class UserRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String spanish;
    private final String english;

    UserRefusal(String spanish, String english) {
        super(english, null, false, false);
        this.spanish = spanish;
        this.english = english;
    }

    public String spanish() {
        return spanish;
    }

    public String english() {
        return english;
    }
}
