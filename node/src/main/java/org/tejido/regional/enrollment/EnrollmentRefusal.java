package org.tejido.regional.enrollment;

/** An enrollment the aggregator will not make: a stable code and the reason in Spanish and English. */
public class EnrollmentRefusal extends RuntimeException {
    private final String code;
    private final String spanish;

    EnrollmentRefusal(String code, String spanish, String english) {
        super(english);
        this.code = code;
        this.spanish = spanish;
    }

    public String code() {
        return code;
    }

    public String spanish() {
        return spanish;
    }

    public String english() {
        return getMessage();
    }
}
