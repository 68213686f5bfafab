package org.tejido.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Synthetic request bodies: no real person, place or story. */
public final class Fixtures {
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private Fixtures() {}

    /** A defender code nobody else in this JVM has used. */
    public static String newDefenderCode(String country) {
        return country + "-T-" + SEQ.incrementAndGet();
    }

    public static String defenderJson(String code) {
        return """
                {"code":"%s","country":"%s","subdivision":null,
                 "profile":{"kind":"individual","rightsDefended":["land-and-territory"]}}
                """.formatted(code, code.substring(0, 2));
    }

    /** A consent given by the defender herself, in writing, with no expiry. */
    public static String consentJson(String scope) {
        return consentJson(scope, null);
    }

    public static String consentJson(String scope, java.time.Instant expiresAt) {
        return """
                {"scope":"%s","grantor":{"kind":"defender","name":null},"basis":"informed-written",
                 "grantedOn":"2026-01-01","expiresAt":%s,"publicName":null,"publicSummary":null}
                """.formatted(scope, expiresAt == null ? "null" : "\"" + expiresAt + "\"");
    }

    public static AttackJson attack() {
        return new AttackJson();
    }

    /** Builder for the JSON body of a recorded attack, with sensible synthetic defaults. */
    public static final class AttackJson {
        private String targetKind = "defender";
        private String relationship = null;
        private String defenders = "";
        private String occurredOn = "2024-03-15";
        private String country = "MX";
        private String subdivision = "MX-OAX";
        private String municipality = "Municipio Ficticio";
        private String types = "\"death-threat\"";
        private String verification = "verified";
        private String narrative = "Synthetic narrative for tests.";

        public AttackJson target(String kind, String relationship) {
            this.targetKind = kind;
            this.relationship = relationship;
            return this;
        }

        public AttackJson defenders(String... codes) {
            this.defenders = codes.length == 0 ? "" : "\"" + String.join("\",\"", codes) + "\"";
            return this;
        }

        public AttackJson occurredOn(String date) {
            this.occurredOn = date;
            return this;
        }

        public AttackJson place(String country, String subdivision) {
            this.country = country;
            this.subdivision = subdivision;
            return this;
        }

        public AttackJson municipality(String municipality) {
            this.municipality = municipality;
            return this;
        }

        public AttackJson types(String... codes) {
            this.types = codes.length == 0 ? "" : "\"" + String.join("\",\"", codes) + "\"";
            return this;
        }

        public AttackJson verification(String status) {
            this.verification = status;
            return this;
        }

        public AttackJson narrative(String narrative) {
            this.narrative = narrative;
            return this;
        }

        public String facts() {
            return """
                    {"target":{"kind":"%s","relationship":%s,"defenders":[%s]},
                     "occurredOn":"%s",
                     "location":{"country":"%s","subdivision":%s,"municipality":"%s"},
                     "sources":[{"kind":"direct-testimony","reliability":"confirmed"}],
                     "verificationStatus":"%s",
                     "narrative":"%s"}
                    """.formatted(
                            targetKind,
                            quoted(relationship),
                            defenders,
                            occurredOn,
                            country,
                            quoted(subdivision),
                            municipality,
                            verification,
                            narrative);
        }

        public String classification() {
            return """
                    {"aggressionTypes":[%s],
                     "perpetrators":[{"perpetrator":"police","involvement":"direct"}],
                     "rightsDefended":["land-and-territory"],
                     "genderElements":["sexist-smear"]}
                    """.formatted(types);
        }

        public String json() {
            return "{\"facts\":" + facts() + ",\"classification\":" + classification() + "}";
        }

        private static String quoted(String value) {
            return value == null ? "null" : "\"" + value + "\"";
        }
    }
}
