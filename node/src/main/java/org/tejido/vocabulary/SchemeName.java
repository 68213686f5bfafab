package org.tejido.vocabulary;

/** The schemes the code base validates against; the data file may carry them in any order. */
public enum SchemeName {
    COUNTRY("country"),
    SUBDIVISION("subdivision"),
    TARGET_KIND("target-kind"),
    RELATIONSHIP("relationship"),
    AGGRESSION_GROUP("aggression-group"),
    AGGRESSION_TYPE("aggression-type"),
    PERPETRATOR_GROUP("perpetrator-group"),
    PERPETRATOR("perpetrator"),
    INVOLVEMENT("involvement"),
    RIGHT_DEFENDED("right-defended"),
    GENDER_ELEMENT("gender-element"),
    SOURCE_KIND("source-kind"),
    SOURCE_RELIABILITY("source-reliability"),
    VERIFICATION_STATUS("verification-status"),
    FOLLOW_UP_KIND("follow-up-kind"),
    FOLLOW_UP_STATUS("follow-up-status"),
    DEFENDER_KIND("defender-kind"),
    CONSENT_SCOPE("consent-scope"),
    CONSENT_BASIS("consent-basis"),
    GRANTOR_KIND("grantor-kind");

    private final String id;

    SchemeName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
