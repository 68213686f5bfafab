package org.tejido.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DuplicateKeyException;

/** What the log and the dead-letter queue get of a read model's failure: classes and codes, no values. */
class ProjectionFailureTest {
    record SomethingHappened(String who) {}

    @Test
    void aDatabaseErrorIsToldByItsClassSqlstateAndConstraint_neverByTheRowItQuotes() {
        PSQLException psql = new PSQLException(new ServerErrorMessage("SERROR\0VERROR\0C23505\0"
                + "Mduplicate key value violates unique constraint \"consent_attack_defender_pkey\"\0"
                + "DKey (attack_id, defender_code)=(6f1c2b7e, MX-SECRET-1) already exists.\0"
                + "tconsent_attack_defender\0nconsent_attack_defender_pkey\0"));
        DuplicateKeyException failure = new DuplicateKeyException("INSERT ... MX-SECRET-1", psql);

        ProjectionFailure told = ProjectionFailure.of(
                "consent", GenericEventMessage.asEventMessage(new SomethingHappened("MX-SECRET-1")), failure);

        assertThat(told.group()).isEqualTo("consent");
        assertThat(told.eventType()).isEqualTo("SomethingHappened");
        assertThat(told.causeType()).isEqualTo(DuplicateKeyException.class.getName());
        assertThat(told.code()).isEqualTo("SQLSTATE 23505, constraint consent_attack_defender_pkey");
        StringWriter logged = new StringWriter();
        told.printStackTrace(new PrintWriter(logged));
        assertThat(logged.toString())
                .contains("DuplicateKeyException", "PSQLException", "23505")
                .doesNotContain("MX-SECRET-1")
                .doesNotContain("already exists");
        assertThat(ProjectionFailure.of("consent", GenericEventMessage.asEventMessage("x"), told))
                .isSameAs(told);
    }

    @Test
    void anyOtherFailureIsToldByItsClassOnly() {
        ProjectionFailure told = ProjectionFailure.of(
                "cases",
                GenericEventMessage.asEventMessage(new SomethingHappened("x")),
                new IllegalArgumentException("Invalid UUID string: MX-SECRET-2"));
        assertThat(told.code()).isEmpty();
        assertThat(told.getMessage())
                .isEqualTo("Projection 'cases' failed on SomethingHappened: java.lang.IllegalArgumentException"
                        + " (message withheld: may hold personal data)");
    }
}
