package org.tejido.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Defenders set up through the API, as a registrar and a coordinator would. */
public final class Defenders {
    private Defenders() {}

    /** A new synthetic defender of that country, registered, with her own consent at that scope. */
    public static String registeredWithConsent(Http registrar, Http coordinator, String country, String scope) {
        String code = Fixtures.newDefenderCode(country);
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        assertThat(coordinator
                        .putJson("/api/defenders/" + code + "/consent", Fixtures.consentJson(scope))
                        .status())
                .isEqualTo(204);
        return code;
    }
}
